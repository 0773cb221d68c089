import { isWorkday as chinaIsWorkday } from 'chinese-days';

/** A calendar date (YYYY-MM-DD) in the plans' time zone, never an instant. */
export type LocalDate = string;

/** A real calendar day written YYYY-MM-DD (2018-02-30 is not one). */
export function isLocalDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

export function assertLocalDate(value: string): LocalDate {
  if (!isLocalDate(value)) throw new RangeError(`not a YYYY-MM-DD date: ${value}`);
  return value;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The date and wall-clock time of an instant in a zone. */
export function localDateTime(instant: Date, timeZone: string): { date: LocalDate; time: string } {
  const parts = Object.fromEntries(formatterIn(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

// building a DateTimeFormat costs about a millisecond (ICU zone data); every list request asks for today
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterIn(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  return format;
}

export function localDate(instant: Date, timeZone: string): LocalDate {
  return localDateTime(instant, timeZone).date;
}

export interface WorkCalendar {
  isWorkday(date: LocalDate): boolean;
}

/**
 * China's official calendar: public holidays and 调休 make-up workdays from the maintained
 * `chinese-days` dataset (updated each year when the State Council publishes the next year's
 * arrangement); years it does not cover yet fall back to Monday–Friday.
 */
export function chinaWorkCalendar(): WorkCalendar {
  const memo = new Map<LocalDate, boolean>();
  return {
    isWorkday(date) {
      let known = memo.get(date);
      if (known === undefined) memo.set(date, (known = chinaIsWorkday(date)));
      return known;
    },
  };
}

/** Far beyond any real holiday run (the longest, Spring Festival with weekends, is about 9 days). */
const MAX_SCAN = 60;

export function workdayOnOrBefore(cal: WorkCalendar, date: LocalDate): LocalDate {
  for (let i = 0; i < MAX_SCAN; i++) {
    const d = addDays(date, -i);
    if (cal.isWorkday(d)) return d;
  }
  throw new RangeError(`no working day in the ${MAX_SCAN} days up to ${date}`);
}

export function nextWorkdayAfter(cal: WorkCalendar, date: LocalDate): LocalDate {
  for (let i = 1; i <= MAX_SCAN; i++) {
    const d = addDays(date, i);
    if (cal.isWorkday(d)) return d;
  }
  throw new RangeError(`no working day in the ${MAX_SCAN} days after ${date}`);
}

/** The n-th working day counting back from `today` (today itself is the first when it is one). */
export function nthWorkdayBack(cal: WorkCalendar, today: LocalDate, n: number): LocalDate {
  if (n < 1) throw new RangeError('n must be at least 1');
  let d = workdayOnOrBefore(cal, today);
  for (let i = 1; i < n; i++) d = workdayOnOrBefore(cal, addDays(d, -1));
  return d;
}

const dayNumber = (date: LocalDate) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
const BASE = dayNumber('2000-01-01');
/** Per calendar: working days in [2000-01-01, BASE + i], grown on demand, so a count is two lookups. */
const prefixes = new WeakMap<WorkCalendar, number[]>();

function workdaysUpTo(cal: WorkCalendar, date: LocalDate): number {
  const n = dayNumber(date) - BASE;
  let prefix = prefixes.get(cal);
  if (!prefix) prefixes.set(cal, (prefix = []));
  for (let i = prefix.length; i <= n; i++) prefix.push((prefix[i - 1] ?? 0) + (cal.isWorkday(addDays('2000-01-01', i)) ? 1 : 0));
  return prefix[n];
}

/** Working days in (from, to]: how a clerk counts "7 working days overdue" from a deadline. */
export function workingDaysAfter(cal: WorkCalendar, from: LocalDate, to: LocalDate): number {
  if (to <= from) return 0;
  if (from >= '2000-01-01' && to < '2100-01-01') return workdaysUpTo(cal, to) - workdaysUpTo(cal, from);
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (cal.isWorkday(d)) count++;
  return count;
}

/** Drops the counts remembered for a calendar whose days changed (an admin stored a year). */
export function forgetWorkdayCounts(cal: WorkCalendar): void {
  prefixes.delete(cal);
}
