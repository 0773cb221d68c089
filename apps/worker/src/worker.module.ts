import { Module } from '@nestjs/common';
import { AuditModule } from '@duban/audit';
import { ClockModule } from '@duban/clock';
import { ConfigModule } from '@duban/config';
import { JobsModule } from '@duban/jobs';
import { NotificationsWorkerModule } from '@duban/notifications';
import { PersistenceModule } from '@duban/persistence';

/** The BullMQ process: no HTTP server; wires the job handlers of the libraries. */
@Module({
  imports: [ClockModule, ConfigModule.fromEnv(), PersistenceModule.forRoot(), JobsModule.forRoot(), AuditModule, NotificationsWorkerModule],
})
export class WorkerModule {}
