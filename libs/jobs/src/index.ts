export * from './catalogue';
export { JobDispatcher } from './job-dispatcher';
export { JobQueues } from './job-queues';
export { JobsModule } from './jobs.module';
export { type JobHandler, OnJob } from './on-job.decorator';
export { producerRedisOptions, redisOptions } from './redis';
export { BOARD_ACCESS, BOARD_COOKIE, BOARD_ROUTE, type BoardAccess, boardGuard, JobsBoardModule } from './board';
