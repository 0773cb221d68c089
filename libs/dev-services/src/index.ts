export { startPostgres, type RunningService } from './postgres';
export { findRedisServer, freePort, MissingRedisError, startRedis, waitForPort } from './redis';
export { startMailCatcher, readMailbox, type MailCatcher } from './mail-catcher';
export { parseMessage, type CaughtMail, type CaughtPart } from './mime';
export { ensureCjkFont } from './fonts';
export { EMBEDDED_PORTS } from './ports';
