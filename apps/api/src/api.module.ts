import { Module } from '@nestjs/common';
import { AuditModule } from '@duban/audit';
import { AuthModule } from '@duban/auth';
import { ClockModule } from '@duban/clock';
import { ConfigModule } from '@duban/config';
import { JobsBoardModule, JobsModule } from '@duban/jobs';
import { NotificationsApiModule } from '@duban/notifications';
import { PersistenceModule } from '@duban/persistence';
import { PlansModule } from '@duban/plans';
import { TasksModule } from '@duban/tasks';
import { HealthController } from './health.controller';

/** The HTTP process: wires the libraries' modules, owns nothing itself but health. */
@Module({
  imports: [ClockModule, ConfigModule.fromEnv({ jwtSecret: true }), PersistenceModule.forRoot(), JobsModule.forRoot({ failFast: true }), AuditModule, AuthModule, TasksModule, PlansModule, NotificationsApiModule, JobsBoardModule],
  controllers: [HealthController],
})
export class ApiModule {}
