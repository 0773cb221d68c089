import type { EntityManager } from '@mikro-orm/postgresql';

const JURISDICTION_LOCK = 80420002;

/**
 * Imports, merges and alias changes of one jurisdiction take turns (transaction-scoped lock,
 * keyed by name because an import may be about to create the jurisdiction).
 */
export async function lockJurisdiction(em: EntityManager, name: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(?, hashtext(?))', [JURISDICTION_LOCK, name]);
}
