import type { RedisOptions } from 'bullmq';

/** REDIS_URL → ioredis options. BullMQ needs `maxRetriesPerRequest: null` on blocking connections. */
export function redisOptions(url: string): RedisOptions {
  const u = new URL(url);
  const db = u.pathname.replace(/^\//, '');
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: db ? Number(db) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
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
