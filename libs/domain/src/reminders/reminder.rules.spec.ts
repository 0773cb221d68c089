import fc from 'fast-check';
import { addDays, chinaWorkCalendar } from '../calendar/working-days';
import { dueReminderOffset, reminderCutoffs, reminderSendDate, reportCycle, validateReminderOffsets } from './reminder.rules';

const cal = chinaWorkCalendar();
const offsets = [30, 7, 1];

describe('reminders before a deadline', () => {
  it('sends a reminder that falls on a holiday on the working day before', () => {
    // deadline 10-08: 7 days before is 10-01 (国庆) → 9-30
    expect(reminderSendDate(cal, '2026-10-08', 7)).toBe('2026-09-30');
    // deadline 2-24: 7 days before is 2-17 (春节) → 2-14, a 调休 Saturday that is a working day
    expect(reminderSendDate(cal, '2026-02-24', 7)).toBe('2026-02-14');
  });

  it('sends only the most urgent stage that has come due, and nothing on a day off', () => {
    expect(dueReminderOffset(cal, '2026-12-31', '2026-12-01', offsets)).toBe(30);
    expect(dueReminderOffset(cal, '2026-12-31', '2026-12-24', offsets)).toBe(7);
    expect(dueReminderOffset(cal, '2026-12-31', '2026-11-30', offsets)).toBeNull();
    expect(dueReminderOffset(cal, '2026-10-08', '2026-09-30', offsets)).toBe(1); // both 7 and 1 fall in 国庆
    expect(dueReminderOffset(cal, '2026-12-31', '2026-12-05', offsets)).toBeNull(); // Saturday
    expect(dueReminderOffset(cal, '2026-11-01', '2026-11-02', offsets)).toBeNull(); // already overdue
  });

  it('the SQL cut-offs select exactly the stage the reference rule picks, any day of 2025–2026', () => {
    const day = fc.integer({ min: 0, max: 700 }).map((n) => addDays('2025-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 45 }), (today, ahead) => {
        const deadline = addDays(today, ahead);
        const cutoffs = reminderCutoffs(cal, today, offsets);
        const viaCutoffs = cutoffs && deadline >= today ? (cutoffs.find((c) => deadline < c.deadlineBefore)?.offsetDays ?? null) : null;
        expect(viaCutoffs).toBe(dueReminderOffset(cal, deadline, today, offsets));
      }),
      { numRuns: 3000 },
    );
  });

  it('asks for the monthly report on the configured day, moved back to a working day', () => {
    expect(reportCycle(cal, '2026-10-20', 25)).toMatchObject({ cycle: '2026-10', since: '2026-10-01', sendOn: '2026-10-23', due: false });
    expect(reportCycle(cal, '2026-10-23', 25).due).toBe(true); // the 25th is a Sunday
    expect(reportCycle(cal, '2026-10-26', 25).due).toBe(true);
    expect(reportCycle(cal, '2026-10-01', 1).sendOn).toBe('2026-09-30'); // back into the previous month's last working day
  });

  it('validates configured offsets', () => {
    expect(validateReminderOffsets([1, 30, 7])).toEqual([30, 7, 1]);
    expect(validateReminderOffsets([])).toMatch(/1 to 10/);
    expect(validateReminderOffsets([7, 7])).toMatch(/repeat/);
    expect(validateReminderOffsets([-1])).toMatch(/whole number/);
  });
});
