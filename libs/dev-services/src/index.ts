export { startPostgres, type RunningService } from './postgres';
export { startRedis, findRedisServer, MissingRedisError, waitForPort } from './redis';
export { startMailCatcher, readMailbox, type MailCatcher } from './mail-catcher';
export { parseMessage, type CaughtMail } from './mime';
