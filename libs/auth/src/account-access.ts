import { DomainError, roleLabel } from '@duban/domain';
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
  if (actor.role !== 'coordinator' || !actor.jurisdictionId) throw DomainError.forbidden('只有管理员和联席会议办公室可以管理账号');
  if (target.jurisdictionId !== actor.jurisdictionId) throw DomainError.forbidden('该账号属于其他地区');
  if (!COORDINATOR_MANAGES.includes(target.role)) throw DomainError.forbidden(`联席会议办公室只能管理责任单位和观察员账号，不能管理${roleLabel(target.role)}账号`);
}
