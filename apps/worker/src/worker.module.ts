import { Module } from '@nestjs/common';
import { AuditModule } from '@duban/audit';
import { ClockModule } from '@duban/clock';
import { ConfigModule } from '@duban/config';
import { JobsModule } from '@duban/jobs';
import { NotificationsWorkerModule } from '@duban/notifications';
import { MetricsServerModule } from '@duban/observability';
import { PersistenceModule } from '@duban/persistence';

/** The BullMQ process: no HTTP server (but /metrics on METRICS_PORT when set); wires the job handlers of the libraries. */
@Module({
  imports: [ClockModule, ConfigModule.fromEnv(), PersistenceModule.forRoot(), JobsModule.forRoot(), AuditModule, NotificationsWorkerModule, MetricsServerModule],
})
export class WorkerModule {}
