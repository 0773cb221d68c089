import { DomainError, type FieldProblem } from '../errors';
import { assertLocalDate, type LocalDate, type WorkCalendar } from './working-days';

/** One year's official arrangement: its 放假 days and its 调休 working weekend days. */
export interface YearArrangement {
  year: number;
  holidays: LocalDate[];
  workdays: LocalDate[];
}

export interface DataWorkCalendar extends WorkCalendar {
  /** Whether the year's arrangement is known; an unknown year counts Monday–Friday. */
  covers(year: number): boolean;
  years(): number[];
}

const isWeekend = (date: LocalDate) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/**
 * The working-day calendar from stored arrangements: a 调休 day works, a 放假 day does not, any
 * other day by its weekday. A year without an arrangement falls back to Monday–Friday: callers
 * check `covers` to warn about it, never to guess.
 */
export function calendarFromData(arrangements: YearArrangement[]): DataWorkCalendar {
  const kind = new Map<LocalDate, 'holiday' | 'workday'>();
  for (const a of arrangements) {
    for (const d of a.holidays) kind.set(d, 'holiday');
    for (const d of a.workdays) kind.set(d, 'workday');
  }
  const years = new Set(arrangements.map((a) => a.year));
  return {
    isWorkday: (date) => {
      const k = kind.get(date);
      return k ? k === 'workday' : !isWeekend(date);
    },
    covers: (year) => years.has(year),
    years: () => [...years].sort((a, b) => a - b),
  };
}

/**
 * Checks an arrangement sent by an admin: dates of that year, no date both 放假 and 调休, 调休 only
 * on a weekend (a weekday works anyway). Field problems name the offending entry.
 */
export function checkArrangement(year: number, input: { holidays?: unknown; workdays?: unknown }): YearArrangement {
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(year) || year < 2000 || year > 2099) throw DomainError.invalid('年份须在 2000 至 2099 之间', [{ field: 'year', message: '须在 2000 至 2099 之间' }]);
  const dates = (field: 'holidays' | 'workdays'): LocalDate[] => {
    const value = input[field];
    if (!Array.isArray(value)) {
      problems.push({ field, message: '须为日期列表，格式 YYYY-MM-DD' });
      return [];
    }
    if (value.length > 366) problems.push({ field, message: '日期数超过一年的天数' });
    const out: LocalDate[] = [];
    value.forEach((v, i) => {
      try {
        const d = assertLocalDate(String(v));
        // Date.parse rolls 02-30 over into March: only a date that survives the round trip exists
        if (typeof v !== 'string' || Number(d.slice(0, 4)) !== year || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) throw new RangeError();
        out.push(d);
      } catch {
        problems.push({ field: `${field}[${i}]`, message: `须为 ${year} 年内的日期，格式 YYYY-MM-DD` });
      }
    });
    return [...new Set(out)].sort();
  };
  const holidays = dates('holidays');
  const workdays = dates('workdays');
  const both = holidays.filter((d) => workdays.includes(d));
  for (const d of both) problems.push({ field: 'workdays', message: `${d} 既是放假日又是调休上班日` });
  for (const d of workdays) if (!isWeekend(d)) problems.push({ field: 'workdays', message: `${d} 不是周末：只有周六、周日可以调休上班` });
  if (problems.length) throw DomainError.invalid(`${year} 年的节假日安排有误`, problems);
  return { year, holidays, workdays };
}

/**
 * The arrangement of `year` in an iCalendar file (RFC 5545), as published by the `chinese-days`
 * project or exported from a calendar app. Fields read, per VEVENT: DTSTART (a DATE, or a
 * DATE-TIME whose date is taken), DTEND (exclusive; absent = one day), SUMMARY, DESCRIPTION,
 * CATEGORIES and X-APPLE-SPECIAL-DAY. An event is a 调休 working day when one of those says
 * 班/补班/上班/ALTERNATE-WORKDAY, otherwise a 放假 day. Lines folded per RFC 5545 are unfolded;
 * everything else (VTIMEZONE, RRULE, other components) is ignored. Events of other years are left
 * out, so one published multi-year file serves every year.
 */
export function parseIcsArrangement(text: string, year: number): YearArrangement {
  const lines = text.replace(/\r\n/g, '\n').replace(/\n[ \t]/g, '').split('\n');
  const holidays: LocalDate[] = [];
  const workdays: LocalDate[] = [];
  let event: Record<string, string> | null = null;
  let events = 0;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') event = {};
    else if (line === 'END:VEVENT' && event) {
      events++;
      const start = icsDate(event.DTSTART);
      if (!start) throw DomainError.invalid('日历文件中有事件缺少有效的开始日期（DTSTART）', [{ field: 'file', message: `第 ${events} 个事件缺少有效的 DTSTART` }]);
      const end = icsDate(event.DTEND) ?? addOne(start);
      const working = /班|ALTERNATE-WORKDAY/i.test([event.SUMMARY, event.DESCRIPTION, event.CATEGORIES, event['X-APPLE-SPECIAL-DAY']].join(' ')) && !/休/.test(event.DESCRIPTION ?? '');
      for (let d = start, n = 0; d < end && n < 366; d = addOne(d), n++) if (Number(d.slice(0, 4)) === year) (working ? workdays : holidays).push(d);
      event = null;
    } else if (event) {
      const m = /^([A-Z-]+)(?:;[^:]*)?:(.*)$/.exec(line);
      if (m) event[m[1]] = m[2];
    }
  }
  if (!events) throw DomainError.invalid('文件中没有日历事件（VEVENT）', [{ field: 'file', message: '未找到 VEVENT' }]);
  return checkArrangement(year, { holidays: [...new Set(holidays)], workdays: [...new Set(workdays)] });
}

function icsDate(value: string | undefined): LocalDate | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(value ?? '');
  if (!m) return undefined;
  try {
    return assertLocalDate(`${m[1]}-${m[2]}-${m[3]}`);
  } catch {
    return undefined;
  }
}

function addOne(date: LocalDate): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
