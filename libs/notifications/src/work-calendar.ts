import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { calendarFromData, chinaWorkCalendar, type DataWorkCalendar, forgetWorkdayCounts, type WorkCalendar, type YearArrangement } from '@duban/domain';

/** Injection token for the working-day calendar (the stored 放假/调休 arrangements in production). */
export const WORK_CALENDAR = Symbol('WorkCalendar');

/** Another process (the API) may have stored a year: checked this often, and before every sweep. */
const REFRESH_MS = 60_000;

/**
 * The working-day calendar read from PostgreSQL (`work_calendar_year`/`work_calendar_day`, seeded
 * from the `chinese-days` package, extended by admins through `PUT /api/calendar/{year}`), held
 * in memory for the synchronous rules and reloaded when a year changes. Until the first load
 * succeeds (PostgreSQL down at start) it answers from the package's dataset.
 */
@Injectable()
export class WorkCalendarStore implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('calendar');
  private current: DataWorkCalendar | undefined;
  private readonly fallback = chinaWorkCalendar();
  private version = '';
  private timer?: NodeJS.Timeout;
  /** The stable object the rules hold; it answers from whatever was loaded last. */
  readonly calendar: WorkCalendar = { isWorkday: (date) => (this.current ?? this.fallback).isWorkday(date) };

  constructor(private readonly em: EntityManager) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh().catch((error: unknown) => this.logger.warn(`calendar not loaded, using the package's dataset until it is: ${error instanceof Error ? error.message : String(error)}`));
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Reloads when a year was stored since the last load (one cheap query otherwise). */
  async refresh(): Promise<void> {
    const em = this.em.fork();
    const [{ version }] = await em.execute<Array<{ version: string }>>(`select count(*) || '/' || coalesce(max(updated_at)::text, '') as version from work_calendar_year`);
    if (version === this.version && this.current) return;
    const rows = await em.execute<Array<{ year: number; holidays: string[] | null; workdays: string[] | null }>>(
      `select y.year,
              array(select to_char(d.day, 'YYYY-MM-DD') from work_calendar_day d where d.year = y.year and d.kind = 'holiday' order by d.day) as holidays,
              array(select to_char(d.day, 'YYYY-MM-DD') from work_calendar_day d where d.year = y.year and d.kind = 'workday' order by d.day) as workdays
       from work_calendar_year y order by y.year`,
    );
    this.current = calendarFromData(rows.map((r): YearArrangement => ({ year: r.year, holidays: r.holidays ?? [], workdays: r.workdays ?? [] })));
    forgetWorkdayCounts(this.calendar);
    if (this.version) this.logger.log(`calendar reloaded: years ${this.current.years().join(', ')}`);
    this.version = version;
  }

  covers(year: number): boolean {
    return this.current?.covers(year) ?? false;
  }
}

export const workCalendarProvider = { provide: WORK_CALENDAR, inject: [WorkCalendarStore], useFactory: (store: WorkCalendarStore) => store.calendar };
