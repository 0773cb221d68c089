import type { RedisOptions } from 'bullmq';
import { redisConnection } from '@duban/config';

/** REDIS_URL → ioredis options. BullMQ needs `maxRetriesPerRequest: null` on blocking connections. */
export function redisOptions(url: string): RedisOptions {
  return { ...redisConnection(url), maxRetriesPerRequest: null };
}

/**
 * For a process that only produces jobs (the API): no offline queue (a command while Redis is
 * down fails at once instead of waiting for the reconnection), one retry, a command timeout, a
 * short connect timeout. ioredis keeps reconnecting in the background, so the API recovers by
 * itself when Redis returns.
 */
export function producerRedisOptions(url: string, commandTimeoutMs = 3000): RedisOptions {
  return { ...redisOptions(url), enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: commandTimeoutMs, connectTimeout: 2000 };
}
