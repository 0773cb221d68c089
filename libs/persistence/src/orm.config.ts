import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { ENTITIES } from './entities';
import { PostgresNamingStrategy } from './naming';
import { MIGRATIONS } from './migrations';

export interface DatabaseTimeouts {
  connectTimeoutMs: number;
  statementTimeoutMs: number;
}

/** The defaults of DATABASE_CONNECT_TIMEOUT_MS and DATABASE_STATEMENT_TIMEOUT_MS (libs/config). */
export const DEFAULT_DB_TIMEOUTS: DatabaseTimeouts = { connectTimeoutMs: 5000, statementTimeoutMs: 60_000 };

/**
 * A PostgreSQL that is down or hung fails the caller within the timeouts instead of holding it
 * forever: no connection within `connectTimeoutMs`, a statement the server runs longer than
 * `statementTimeoutMs` (cancelled by the server), or an answer that never comes (a frozen server
 * or a dropped network: the client gives up a little after the statement timeout).
 */
export function poolTimeouts(t: DatabaseTimeouts): Record<string, number> {
  return { connectionTimeoutMillis: t.connectTimeoutMs, statement_timeout: t.statementTimeoutMs, query_timeout: t.statementTimeoutMs + 5000 };
}

export function ormConfig(databaseUrl: string, overrides: Partial<Options> = {}, timeouts: DatabaseTimeouts = DEFAULT_DB_TIMEOUTS): Options {
  return defineConfig({
    driverOptions: poolTimeouts(timeouts),
    clientUrl: databaseUrl,
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    namingStrategy: PostgresNamingStrategy,
    extensions: [Migrator],
    // the schema changes only through migrations, applied as their own step
    ensureDatabase: false,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: true },
    pool: { min: 0, max: 10 },
    migrations: {
      migrationsList: MIGRATIONS,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      snapshotOnMigrate: false,
      silent: true,
    },
    debug: false,
    ...overrides,
  });
}
