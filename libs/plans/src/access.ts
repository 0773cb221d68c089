import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@duban/auth';
import { DomainError } from '@duban/domain';
import { Department } from '@duban/persistence';

/** Who is acting: a signed-in user, or null for the operator at the command line (no HTTP, full rights). */
export type Actor = AuthUser | null;

/**
 * The jurisdiction an actor may see, or null for all of them (admin, operator). A department
 * user may carry only its department; its jurisdiction is the department's.
 */
export async function jurisdictionScope(em: EntityManager, actor: Actor): Promise<string | null> {
  if (!actor || actor.role === 'admin') return null;
  if (actor.jurisdictionId) return actor.jurisdictionId;
  if (actor.departmentId) {
    const department = await em.findOne(Department, actor.departmentId, { fields: ['jurisdiction'] });
    if (department) return department.jurisdiction.id;
  }
  throw DomainError.forbidden('您的账号未绑定地区');
}

export async function assertInScope(em: EntityManager, actor: Actor, jurisdictionId: string): Promise<void> {
  const scope = await jurisdictionScope(em, actor);
  if (scope !== null && scope !== jurisdictionId) throw DomainError.forbidden('这属于其他地区');
}
