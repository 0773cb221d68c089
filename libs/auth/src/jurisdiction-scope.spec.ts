import { DomainError, type Role } from '@duban/domain';
import { assertJurisdiction, inJurisdiction, jurisdictionCondition, jurisdictionScopeOf } from './jurisdiction-scope';
import type { AuthUser } from './permissions';

const QH = '11111111-1111-4111-8111-111111111111';
const SX = '22222222-2222-4222-8222-222222222222';

const user = (role: Role, jurisdictionId: string | null): AuthUser => ({ id: 'u', email: 'u@example.org', role, jurisdictionId, departmentId: null });

/** Evaluates the SQL condition against one row's column value, as PostgreSQL would. */
function sqlMatches([sql, params]: [string, unknown[]], column: string, value: string): boolean {
  if (sql === 'true') return true;
  if (sql === 'false') return false;
  expect(sql).toBe(`${column} = ?`);
  expect(params).toHaveLength(1);
  return params[0] === value;
}

describe('the jurisdiction rule', () => {
  const cases: Array<[string, AuthUser | null]> = [
    ['the operator', null],
    ['an admin', user('admin', null)],
    ['an admin bound to a jurisdiction', user('admin', SX)],
    ['a coordinator of 青海', user('coordinator', QH)],
    ['an observer of 青海', user('observer', QH)],
    ['a department user of 青海', user('department', QH)],
    ['a coordinator bound to nothing', user('coordinator', null)],
  ];

  it.each(cases)('gives %s the same answer as predicate, assertion and SQL condition', (_, who) => {
    for (const jurisdiction of [QH, SX]) {
      const allowed = inJurisdiction(who, jurisdiction);
      expect(sqlMatches(jurisdictionCondition(who, 't.jurisdiction_id'), 't.jurisdiction_id', jurisdiction)).toBe(allowed);
      if (allowed) expect(() => assertJurisdiction(who, jurisdiction)).not.toThrow();
      else expect(() => assertJurisdiction(who, jurisdiction)).toThrow(DomainError);
    }
  });

  it('lets admins and the operator see every jurisdiction, everyone else only their own', () => {
    expect(inJurisdiction(null, SX)).toBe(true);
    expect(inJurisdiction(user('admin', QH), SX)).toBe(true);
    expect(inJurisdiction(user('coordinator', QH), QH)).toBe(true);
    expect(inJurisdiction(user('coordinator', QH), SX)).toBe(false);
    expect(inJurisdiction(user('observer', null), QH)).toBe(false);
  });

  it('names the scope: null for all, the bound jurisdiction, or a 403 for an account bound to none', () => {
    expect(jurisdictionScopeOf(null)).toBeNull();
    expect(jurisdictionScopeOf(user('admin', QH))).toBeNull();
    expect(jurisdictionScopeOf(user('observer', SX))).toBe(SX);
    expect(() => jurisdictionScopeOf(user('coordinator', null))).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });

  it('says why it refuses, in the caller’s words when given', () => {
    expect(() => assertJurisdiction(user('coordinator', QH), SX, 'this joint meeting belongs to another jurisdiction')).toThrow('this joint meeting belongs to another jurisdiction');
  });
});
