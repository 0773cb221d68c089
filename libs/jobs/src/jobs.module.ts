import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { redisOptions } from './redis';

/** The BullMQ connection shared by the API (producers) and the worker (consumers). */
@Module({})
export class JobsModule {
  static forRoot(): DynamicModule {
    return {
      module: JobsModule,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({ connection: redisOptions(config.redisUrl), prefix: 'duban' }),
        }),
      ],
      exports: [BullModule],
    };
  }
}
