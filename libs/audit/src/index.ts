export { type AuditEntry, type AuditFilter, AuditLog, type AuditPage, type AuditRecord } from './audit-log.service';
export { AuditModule } from './audit.module';
export { CSV_HEADER, csvLine } from './csv';
