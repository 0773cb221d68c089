import { DomainError } from '@duban/domain';
import type { AuthUser, Role } from './permissions';

/** The roles a coordinator runs accounts of: its 联席会议办公室 manages its departments' people. */
export const COORDINATOR_MANAGES: readonly Role[] = ['department', 'observer'];

export const actorOf = (user: AuthUser | null) => (user ? { actorId: user.id, actorRole: user.role, actorEmail: user.email } : {});

/**
 * Who may manage which account: an admin every account; a coordinator the department and
 * observer accounts of its own jurisdiction, and it may give them no other role or jurisdiction.
 */
export function assertManages(actor: AuthUser, target: { role: Role; jurisdictionId: string | null }): void {
  if (actor.role === 'admin') return;
  if (actor.role !== 'coordinator' || !actor.jurisdictionId) throw DomainError.forbidden('only admins and coordinators manage accounts');
  if (target.jurisdictionId !== actor.jurisdictionId) throw DomainError.forbidden('this account belongs to another jurisdiction');
  if (!COORDINATOR_MANAGES.includes(target.role)) throw DomainError.forbidden(`a coordinator manages department and observer accounts, not ${target.role} accounts`);
}
