export { JobsModule } from './jobs.module';
export { redisOptions } from './redis';
