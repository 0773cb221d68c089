import type { AsyncLocalStorage } from 'node:async_hooks';
import { type EntityManager, MikroORM, RequestContext, TransactionContext } from '@mikro-orm/core';
import { Injectable, type NestMiddleware } from '@nestjs/common';

/** The request's entity managers, each forked when first asked for. */
class LazyForks extends Map<string, EntityManager> {
  private forking = false;

  constructor(private readonly root: EntityManager) {
    super();
  }

  override get(name: string): EntityManager | undefined {
    let em = super.get(name);
    // while the fork is built it asks for its context: none yet, as when forked before the request
    if (em || this.forking || name !== this.root.name) return em;
    this.forking = true;
    try {
      // from the root, as at the request's start (not from a transaction the first use may be in)
      em = this.root.fork({ useContext: true, disableContextResolution: true });
    } finally {
      this.forking = false;
    }
    this.set(name, em);
    return em;
  }
}

/**
 * MikroORM's request context (each request its own entity manager), with the fork made on first
 * use instead of for every request: a route that answers with one SQL statement on the pool (a
 * progress report) or none never pays for an entity manager, a unit of work and an identity map.
 * Replaces @mikro-orm/nestjs's middleware (`registerRequestContext: false`), same routes.
 */
@Injectable()
export class LazyRequestContext implements NestMiddleware {
  // RequestContext.create() forks at once; its storage is what `em.getContext()` reads
  private readonly storage = (RequestContext as unknown as { storage: AsyncLocalStorage<RequestContext> }).storage;

  constructor(private readonly orm: MikroORM) {}

  use(_req: unknown, _res: unknown, next: () => void): void {
    this.storage.run(new RequestContext(new LazyForks(this.orm.em)), next);
  }
}

/**
 * The transaction the caller runs in, if any, without forking a request's entity manager that was
 * not used yet (an unused fork has begun no transaction).
 */
export function openTransaction(em: EntityManager): unknown {
  const inTransactional = TransactionContext.getEntityManager(em.name);
  if (inTransactional) return inTransactional.getTransactionContext();
  const request = RequestContext.currentRequestContext();
  if (request && !request.map.has(em.name)) return undefined;
  return em.getTransactionContext();
}
