import { DomainError } from '@duban/domain';
import { Conditions } from './task-access';
import { decodeCursor, encodeCursor, pageStatement } from './task-page';

const PLAN_KEY = ['2018-01-01T08:00:00.123457+00:00', '5b0f3c8e-8d1e-4c53-9a0c-0f6d1b7e2a11', 2, 17, '0e4f6b1a-3c2d-4e5f-8a9b-1c2d3e4f5a6b'];

describe('task page cursors', () => {
  it('round-trips the key (microseconds included), the next page and the total', () => {
    const cursor = encodeCursor({ order: 'plan', key: PLAN_KEY, page: 4, total: 1234 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'plan')).toEqual({ order: 'plan', key: PLAN_KEY, page: 4, total: 1234 });
    const overdue = encodeCursor({ order: 'most_overdue', key: ['2018-03-10', ...PLAN_KEY], page: 2, total: 3 });
    expect(decodeCursor(overdue, 'most_overdue').key[0]).toBe('2018-03-10');
  });

  it('refuses a cursor of another order, a damaged key or page, or not a cursor at all, naming cursor', () => {
    const of = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    const cases: Array<[string, RegExp]> = [
      [encodeCursor({ order: 'plan', key: PLAN_KEY, page: 2, total: 9 }), /另一个列表/],
      [of(['d', 2, 9, 'yesterday', ...PLAN_KEY]), /损坏/],
      [of(['d', 1, 9, '2018-03-10', ...PLAN_KEY]), /损坏/],
      [of(['d', 2, -1, '2018-03-10', ...PLAN_KEY]), /损坏/],
      [of(['d', 2, 9, '2018-03-10', ...PLAN_KEY.slice(0, 4), 'x']), /损坏/],
      [of(['d', 2, 9, '2018-03-10']), /上一页/],
      [of({ d: 1 } as never), /上一页/],
      ['%%%', /上一页/],
    ];
    for (const [cursor, message] of cases) {
      let error: unknown;
      try {
        decodeCursor(cursor, 'most_overdue');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).details.errors).toEqual([{ field: 'cursor', message: expect.stringMatching(message) }]);
    }
  });

  it('puts the parameters in the order of their placeholders, in both shapes', () => {
    const where = new Conditions().and('t.jurisdiction_id = ?', 'J').and('not t.draft');
    const after = PLAN_KEY;
    const byPlan = pageStatement({ where, planWhere: new Conditions().and('p.jurisdiction_id = ?', 'J'), order: 'plan', limit: 50, offset: 0, after });
    expect(byPlan.sql.match(/\?/g)).toHaveLength(byPlan.params.length);
    // inner: scope, the full key, the lateral's limit; outer: the plan scope, two key prefixes; limit, offset
    expect(byPlan.params).toEqual(['J', ...after, 50, 'J', ...after.slice(0, 2), ...after.slice(0, 3), 50, 0]);
    const byTask = pageStatement({ where, order: 'most_overdue', limit: 20, offset: 40 });
    expect(byTask.params).toEqual(['J', 20, 40]);
    expect(byTask.sql.match(/\?/g)).toHaveLength(3);
  });
});
