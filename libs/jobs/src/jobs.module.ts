import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_CONFIG, type AppConfig, ConfigError } from '@duban/config';
import { QUEUES } from './catalogue';
import { JobDispatcher } from './job-dispatcher';
import { JobQueues } from './job-queues';
import { QUEUE_PROCESSORS } from './processors';
import { producerRedisOptions, redisOptions } from './redis';

const queueRegistrations = () => BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name })));

/**
 * The BullMQ connection shared by the API (producers) and the worker (consumers). QUEUE_PREFIX
 * (default `duban`) separates deployments, or test files, sharing one Redis.
 */
@Module({})
export class JobsModule {
  /**
   * `failFast` (the API): its producers never wait in ioredis's offline queue while Redis is down;
   * a command fails at once (or after REDIS_COMMAND_TIMEOUT_MS) and the request answers 503. The
   * worker keeps waiting instead: its blocking consumers need it, and its jobs resume by themselves.
   */
  static forRoot(opts: { failFast?: boolean } = {}): DynamicModule {
    return {
      module: JobsModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            connection: opts.failFast ? producerRedisOptions(config.redisUrl, config.redisCommandTimeoutMs) : redisOptions(config.redisUrl),
            prefix: config.queuePrefix,
          }),
        }),
        queueRegistrations(),
      ],
      providers: [JobQueues],
      exports: [BullModule, JobQueues],
    };
  }

  /** The worker's side: one processor per queue and the dispatcher that finds every @OnJob handler. */
  static forWorker(): DynamicModule {
    return {
      module: JobsWorkerModule,
      imports: [DiscoveryModule],
      providers: [JobDispatcher, ...QUEUE_PROCESSORS],
    };
  }
}

@Module({})
class JobsWorkerModule {}
