import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@duban/auth';
import { Clock } from '@duban/clock';
import { checkArrangement, DomainError, parseIcsArrangement, type YearArrangement } from '@duban/domain';
import { AuditLog } from '@duban/audit';
import { recordCalendarChange } from './calendar.changes';
import { CalendarGaps } from './calendar.gaps';

export interface CalendarYearView extends YearArrangement {
  source: 'package' | 'api' | 'ics';
  updatedAt: string;
}

/** `GET|PUT /api/calendar/{year}`: the stored 放假/调休 arrangement of a year, and the years missing. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly gaps: CalendarGaps,
    private readonly audit: AuditLog,
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
    if (!file?.length) throw DomainError.invalid('请上传 .ics 日历文件', [{ field: 'file', message: '必填（multipart 字段 file）' }]);
    if (file.length > 1_000_000) throw new DomainError('too_large', '日历文件不能超过 1 MB');
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
      await recordCalendarChange(this.audit, em, {
        actor: user,
        year: a.year,
        source,
        before: before.length ? { holidays: before.filter((d) => d.kind === 'holiday').map((d) => d.day), workdays: before.filter((d) => d.kind === 'workday').map((d) => d.day) } : null,
        after: { holidays: a.holidays, workdays: a.workdays },
      });
    });
    this.gaps.invalidate();
    return this.read(a.year);
  }
}
