import type { EntityManager } from '@mikro-orm/postgresql';
import { assertJurisdiction, type AuthUser, jurisdictionScopeOf } from '@duban/auth';
import { Department } from '@duban/persistence';

/** Who is acting: a signed-in user, or null for the operator at the command line (no HTTP, full rights). */
export type Actor = AuthUser | null;

/**
 * The actor's user with its jurisdiction filled in: a department user may carry only its
 * department (a token from before department users carried their jurisdiction), and its
 * jurisdiction is the department's. The rule itself is `@duban/auth`'s (`jurisdictionScopeOf`).
 */
async function withJurisdiction(em: EntityManager, actor: Actor): Promise<Actor> {
  if (!actor || actor.role === 'admin' || actor.jurisdictionId || !actor.departmentId) return actor;
  const department = await em.findOne(Department, actor.departmentId, { fields: ['jurisdiction'] });
  return department ? { ...actor, jurisdictionId: department.jurisdiction.id } : actor;
}

/** The jurisdiction an actor may see, or null for all of them (admin, operator). */
export async function jurisdictionScope(em: EntityManager, actor: Actor): Promise<string | null> {
  return jurisdictionScopeOf(await withJurisdiction(em, actor));
}

export async function assertInScope(em: EntityManager, actor: Actor, jurisdictionId: string): Promise<void> {
  const user = await withJurisdiction(em, actor);
  jurisdictionScopeOf(user);
  assertJurisdiction(user, jurisdictionId);
}
