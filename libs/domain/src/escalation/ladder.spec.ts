import fc from 'fast-check';
import { addDays, chinaWorkCalendar } from '../calendar/working-days';
import { DomainError } from '../errors';
import { DEFAULT_LADDER, escalationStep, ladderThresholds, parseLadder } from './ladder';

const cal = chinaWorkCalendar();

describe('the escalation ladder', () => {
  it('climbs 黄 when overdue, 橙 after 7 working days, 红 after 30', () => {
    expect(escalationStep(cal, '2026-09-29', '2026-09-29', DEFAULT_LADDER)).toBeNull();
    expect(escalationStep(cal, '2026-09-29', '2026-09-30', DEFAULT_LADDER)?.label).toBe('黄');
    expect(escalationStep(cal, '2026-09-29', '2026-10-13', DEFAULT_LADDER)?.label).toBe('黄');
    expect(escalationStep(cal, '2026-09-29', '2026-10-14', DEFAULT_LADDER)?.label).toBe('橙');
    expect(escalationStep(cal, '2026-06-01', '2026-10-14', DEFAULT_LADDER)?.label).toBe('红');
  });

  it('the SQL thresholds pick the same step as counting working days one by one', () => {
    const day = fc.integer({ min: 0, max: 700 }).map((n) => addDays('2025-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: -5, max: 80 }), (today, late) => {
        const deadline = addDays(today, -late);
        const viaThresholds = ladderThresholds(cal, today, DEFAULT_LADDER).filter((t) => deadline < t.deadlineBefore).pop()?.step ?? null;
        expect(viaThresholds?.level ?? null).toBe(escalationStep(cal, deadline, today, DEFAULT_LADDER)?.level ?? null);
      }),
      { numRuns: 3000 },
    );
  });

  it('is data: a jurisdiction may configure its own steps, checked on the way in', () => {
    const ladder = parseLadder([
      { level: 'yellow', label: '黄', afterWorkingDays: 3, notify: ['lead', 'co'] },
      { level: 'red', label: '红', afterWorkingDays: 10, notify: ['coordinators'], redCard: true },
    ]);
    expect(escalationStep(cal, '2026-11-02', '2026-11-04', ladder)).toBeNull();
    expect(escalationStep(cal, '2026-11-02', '2026-11-05', ladder)?.level).toBe('yellow');
    expect(() => parseLadder([{ level: 'a', label: 'A', afterWorkingDays: 5, notify: [] }, { level: 'b', label: 'B', afterWorkingDays: 5, notify: [] }])).toThrow(DomainError);
    expect(() => parseLadder([{ level: 'A B', label: 'x', afterWorkingDays: 0, notify: [] }])).toThrow(/invalid escalation ladder/);
    expect(() => parseLadder([{ level: 'a', label: 'x', afterWorkingDays: 0, notify: ['mayor'] }])).toThrow(DomainError);
  });
});
