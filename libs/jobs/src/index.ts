export * from './catalogue';
export { JobDispatcher } from './job-dispatcher';
export { JobQueues } from './job-queues';
export { JobsModule } from './jobs.module';
export { type JobHandler, OnJob } from './on-job.decorator';
export { producerRedisOptions, redisOptions } from './redis';
export { adminOnly, BOARD_ROUTE, JobsBoardModule } from './board';
