import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@duban/auth';
import { Clock } from '@duban/clock';
import { checkArrangement, DomainError, parseIcsArrangement, type YearArrangement } from '@duban/domain';
import { recordCalendarChange } from './calendar.changes';

export interface CalendarYearView extends YearArrangement {
  source: 'package' | 'api' | 'ics';
  updatedAt: string;
}

/** Open tasks' deadline years are re-read at most this often (a scan of the open tasks). */
const GAPS_TTL_MS = 5 * 60_000;

/** `GET|PUT /api/calendar/{year}`: the stored 放假/调休 arrangement of a year, and the years missing. */
@Injectable()
export class CalendarService {
  private gaps?: { at: number; years: number[] };

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async read(year: number): Promise<CalendarYearView> {
    const [row] = await this.em.execute<Array<{ source: CalendarYearView['source']; updated_at: Date; holidays: string[]; workdays: string[] }>>(
      `select y.source, y.updated_at,
              array(select to_char(d.day, 'YYYY-MM-DD') from work_calendar_day d where d.year = y.year and d.kind = 'holiday' order by d.day) as holidays,
              array(select to_char(d.day, 'YYYY-MM-DD') from work_calendar_day d where d.year = y.year and d.kind = 'workday' order by d.day) as workdays
       from work_calendar_year y where y.year = ?`,
      [year],
    );
    if (!row) throw DomainError.notFound('calendar year', String(year));
    return { year, holidays: row.holidays, workdays: row.workdays, source: row.source, updatedAt: new Date(row.updated_at).toISOString() };
  }

  putJson(year: number, body: { holidays?: unknown; workdays?: unknown }, user: AuthUser): Promise<CalendarYearView> {
    return this.store(checkArrangement(year, body), 'api', user);
  }

  putIcs(year: number, file: Buffer | undefined, user: AuthUser): Promise<CalendarYearView> {
    if (!file?.length) throw DomainError.invalid('an .ics file is required', [{ field: 'file', message: 'is required (multipart field "file")' }]);
    if (file.length > 1_000_000) throw new DomainError('too_large', 'the calendar file is larger than 1 MB');
    return this.store(parseIcsArrangement(file.toString('utf8'), year), 'ics', user);
  }

  /** Replaces the year's days in one transaction; the workers reload within a minute or at their next sweep. */
  private async store(a: YearArrangement, source: 'api' | 'ics', user: AuthUser): Promise<CalendarYearView> {
    await this.em.transactional(async (em) => {
      const before = await em.execute<Array<{ kind: string; day: string }>>(`select kind, to_char(day, 'YYYY-MM-DD') as day from work_calendar_day where year = ? order by day for update`, [a.year]);
      await em.execute(
        `insert into work_calendar_year (year, source, updated_at, updated_by) values (?, ?, ?, ?)
         on conflict (year) do update set source = excluded.source, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [a.year, source, this.clock.now(), user.id],
      );
      await em.execute(`delete from work_calendar_day where year = ?`, [a.year]);
      const days = [...a.holidays.map((day) => ({ day, kind: 'holiday' })), ...a.workdays.map((day) => ({ day, kind: 'workday' }))];
      if (days.length) {
        await em.execute(`insert into work_calendar_day (day, year, kind) select d.day, ?, d.kind from jsonb_to_recordset(?::jsonb) as d(day date, kind text)`, [a.year, JSON.stringify(days)]);
      }
      await recordCalendarChange(em, {
        actorId: user.id,
        year: a.year,
        source,
        before: before.length ? { holidays: before.filter((d) => d.kind === 'holiday').map((d) => d.day), workdays: before.filter((d) => d.kind === 'workday').map((d) => d.day) } : null,
        after: { holidays: a.holidays, workdays: a.workdays },
      });
    });
    this.gaps = undefined;
    return this.read(a.year);
  }

  /** Years holding deadlines of open tasks but no arrangement: their working days are guesses (Monday–Friday). */
  async uncoveredYears(): Promise<number[]> {
    const now = this.clock.now().getTime();
    if (this.gaps && now - this.gaps.at < GAPS_TTL_MS && now >= this.gaps.at) return this.gaps.years;
    const rows = await this.em.fork().execute<Array<{ year: number }>>(
      `select distinct extract(year from t.deadline)::int as year from task t
       where t.removed_at is null and t.status <> 'completed' and t.deadline is not null
         and not exists (select 1 from work_calendar_year y where y.year = extract(year from t.deadline)::int)
       order by 1`,
    );
    this.gaps = { at: now, years: rows.map((r) => r.year) };
    return this.gaps.years;
  }
}

/** The warning line for /health and the admins' nightly mail. */
export const calendarGapWarning = (years: number[]) => `${years.join('、')}年尚无节假日安排数据：这些年份的工作日按周一至周五计算，请管理员录入国务院办公厅公布的放假调休安排（PUT /api/calendar/{year}）`;
