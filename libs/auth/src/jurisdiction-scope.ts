import { DomainError } from '@duban/domain';
import type { AuthUser } from './permissions';

/**
 * The one jurisdiction rule: an admin, and the operator at the command line (`null`), see every
 * jurisdiction; everyone else only the one their account is bound to. Every "is this theirs?"
 * check goes through these, as a predicate, an assertion or a SQL condition, so the three agree.
 */

/** The jurisdiction a user is limited to, or null for all of them; a non-admin bound to none is refused. */
export function jurisdictionScopeOf(user: AuthUser | null): string | null {
  if (!user || user.role === 'admin') return null;
  if (!user.jurisdictionId) throw DomainError.forbidden('your account is bound to no jurisdiction');
  return user.jurisdictionId;
}

/** May this user see this jurisdiction's data? An account bound to none sees none. */
export function inJurisdiction(user: AuthUser | null, jurisdictionId: string): boolean {
  return !user || user.role === 'admin' || (!!user.jurisdictionId && user.jurisdictionId === jurisdictionId);
}

/** Refuses (403) a jurisdiction that is not the user's. */
export function assertJurisdiction(user: AuthUser | null, jurisdictionId: string, message = 'this belongs to another jurisdiction'): void {
  if (!inJurisdiction(user, jurisdictionId)) throw DomainError.forbidden(message);
}

/**
 * The same rule as a SQL condition on a jurisdiction id column (e.g. `t.jurisdiction_id`), with
 * its `?` parameters: `true` for all, nothing for an account bound to none.
 */
export function jurisdictionCondition(user: AuthUser | null, column: string): [string, unknown[]] {
  if (!user || user.role === 'admin') return ['true', []];
  if (!user.jurisdictionId) return ['false', []];
  return [`${column} = ?`, [user.jurisdictionId]];
}
