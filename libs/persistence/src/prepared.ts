import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { QueryResultRow } from 'pg';
import { openTransaction } from './request-context';

const names = new Map<string, { name: string; text: string }>();

/**
 * Runs `sql` (with `?` placeholders) as a named prepared statement on a pooled connection, outside
 * any unit of work: PostgreSQL plans it once per connection (and keeps a generic plan once that is
 * no worse) instead of on every call, and the parameters travel bound, not formatted into the text.
 * For hot statements whose planning costs as much as running them. Inside a transaction the
 * statement runs there, through the entity manager, like any other.
 */
export async function preparedQuery<T>(em: EntityManager, prefix: string, sql: string, params: unknown[]): Promise<T[]> {
  if (openTransaction(em)) return em.execute<T[]>(sql, params);
  let statement = names.get(sql);
  if (!statement) {
    let i = 0;
    const text = sql.replace(/\?/g, () => `$${++i}`);
    statement = { name: `${prefix}_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text };
    names.set(sql, statement);
  }
  const pool = await em.getConnection().getNativeClient();
  const result = await pool.query<T & QueryResultRow>({ ...statement, values: params });
  return result.rows;
}
