import { Global, Module } from '@nestjs/common';
import { AuditLog } from './audit-log.service';

/** Global: any library's service may inject AuditLog without importing this module itself. */
@Global()
@Module({ providers: [AuditLog], exports: [AuditLog] })
export class AuditModule {}
