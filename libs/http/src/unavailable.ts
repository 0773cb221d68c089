import { ConnectionException } from '@mikro-orm/core';

/** What a request that needed a dependency that is down answers: 503, never a hang or a 500. */
export interface Unavailable {
  dependency: 'postgres' | 'redis';
}

// PostgreSQL: admin shutdown, crash shutdown, cannot connect now, statement timeout, query canceled
const PG_CODES = new Set(['57P01', '57P02', '57P03', '57014', '08000', '08001', '08003', '08006']);
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
const PG_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|Query read timeout|statement timeout|canceling statement|the database system is (starting up|shutting down)|terminating connection/i;
const REDIS_MESSAGES = /Stream isn't writeable|enableOfflineQueue|Connection is closed|Command timed out|Reached the max retries per request|MaxRetriesPerRequest/i;

/**
 * Recognises the errors of a PostgreSQL or Redis that is down or too slow (the pools' connection
 * and statement timeouts, ioredis with its offline queue off), through MikroORM's and ioredis's
 * wrappers (`cause`), so the problem filter can answer 503 naming the part that is down.
 */
export function unavailableDependency(error: unknown): Unavailable | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, message, code } = e as { name?: string; message?: string; code?: string };
    if (name === 'MaxRetriesPerRequestError' || REDIS_MESSAGES.test(message ?? '')) return { dependency: 'redis' };
    if (e instanceof ConnectionException || (code && PG_CODES.has(code)) || PG_MESSAGES.test(message ?? '')) return { dependency: 'postgres' };
    if (code && NET_CODES.has(code)) return { dependency: /6379|redis/i.test(message ?? '') ? 'redis' : 'postgres' };
  }
  return undefined;
}
