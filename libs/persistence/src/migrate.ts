import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from './orm.config';

/**
 * Applies pending migrations. An advisory lock makes concurrent runs (several deploys, a test
 * setup racing a start) wait for each other instead of both applying the same migration.
 */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const orm = new MikroORM(ormConfig(databaseUrl, { pool: { min: 0, max: 2 } }));
  try {
    await orm.connect();
    const conn = orm.em.getConnection();
    return await conn.transactional(async (trx) => {
      await conn.execute('select pg_advisory_xact_lock(80420001)', [], 'all', trx);
      const applied = await orm.migrator.up({ transaction: trx });
      return applied.map((m) => m.name);
    });
  } finally {
    await orm.close(true);
  }
}
