import { Module } from '@nestjs/common';
import { ClockModule } from '@duban/clock';
import { ConfigModule } from '@duban/config';
import { JobsModule } from '@duban/jobs';
import { PersistenceModule } from '@duban/persistence';
import { HealthController } from './health.controller';

/** The HTTP process: wires the libraries' modules, owns nothing itself but health. */
@Module({
  imports: [ClockModule, ConfigModule.fromEnv({ jwtSecret: true }), PersistenceModule.forRoot(), JobsModule.forRoot()],
  controllers: [HealthController],
})
export class ApiModule {}
