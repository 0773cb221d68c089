import { addDays, type LocalDate, nextWorkdayAfter, type WorkCalendar, workdayOnOrBefore } from '../calendar/working-days';

export const DEFAULT_REMINDER_OFFSETS: readonly number[] = [30, 7, 1];
export const DEFAULT_REPORT_CYCLE_DAY = 25;

/** A reminder due on a holiday or weekend goes out the working day before. */
export function reminderSendDate(cal: WorkCalendar, deadline: LocalDate, offsetDays: number): LocalDate {
  return workdayOnOrBefore(cal, addDays(deadline, -offsetDays));
}

/**
 * The stage (offset in days) a task's reminder is at on `today`, or null. Reminders go out on
 * working days only; when several stages have come due (a task imported a week before its
 * deadline), only the most urgent is sent, since the older ones would say something stale.
 */
export function dueReminderOffset(cal: WorkCalendar, deadline: LocalDate, today: LocalDate, offsets: readonly number[]): number | null {
  if (!cal.isWorkday(today) || deadline < today) return null;
  const due = offsets.filter((k) => reminderSendDate(cal, deadline, k) <= today);
  return due.length ? Math.min(...due) : null;
}

export interface ReminderCutoff {
  offsetDays: number;
  /** Tasks with today <= deadline < this date are at this stage (or a more urgent one). */
  deadlineBefore: LocalDate;
}

/**
 * The same rule as `dueReminderOffset`, turned into deadline bounds an indexed SQL range can use:
 * sendDate(d, k) <= today  ⇔  d - k < the next working day after today (the days in between are
 * all off). Null on a day off: nothing is sent then.
 */
export function reminderCutoffs(cal: WorkCalendar, today: LocalDate, offsets: readonly number[]): ReminderCutoff[] | null {
  if (!cal.isWorkday(today)) return null;
  const next = nextWorkdayAfter(cal, today);
  return [...offsets].sort((a, b) => a - b).map((k) => ({ offsetDays: k, deadlineBefore: addDays(next, k) }));
}

export interface ReportCycle {
  /** YYYY-MM: reports are asked for once a month. */
  cycle: string;
  /** First day of the cycle: a report on or after it counts. */
  since: LocalDate;
  /** The day the ask goes out (the configured day, moved back to a working day). */
  sendOn: LocalDate;
  due: boolean;
}

export function reportCycle(cal: WorkCalendar, today: LocalDate, cycleDay: number): ReportCycle {
  const since = `${today.slice(0, 7)}-01`;
  const sendOn = workdayOnOrBefore(cal, addDays(since, Math.min(Math.max(cycleDay, 1), 28) - 1));
  return { cycle: today.slice(0, 7), since, sendOn, due: cal.isWorkday(today) && today >= sendOn };
}

export function validateReminderOffsets(offsets: unknown): number[] | string {
  if (!Array.isArray(offsets) || offsets.length === 0 || offsets.length > 10) return 'must be a list of 1 to 10 day counts';
  if (!offsets.every((k) => Number.isInteger(k) && k >= 0 && k <= 366)) return 'each must be a whole number of days from 0 to 366';
  if (new Set(offsets).size !== offsets.length) return 'must not repeat a day count';
  return [...(offsets as number[])].sort((a, b) => b - a);
}
