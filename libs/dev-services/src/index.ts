export { startPostgres, type RunningService } from './postgres';
export { findRedisServer, freePort, MissingRedisError, startRedis, waitForPort } from './redis';
export { startMailCatcher, readMailbox, type MailCatcher } from './mail-catcher';
export { parseMessage, type CaughtMail } from './mime';
