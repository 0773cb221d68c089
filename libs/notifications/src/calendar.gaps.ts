import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '@duban/clock';

/** Open tasks' deadline years are re-read at most this often (a scan of the open tasks). */
const GAPS_TTL_MS = 5 * 60_000;

/** Years holding deadlines of open tasks but no 放假/调休 arrangement: their working days are guesses (Monday–Friday). */
@Injectable()
export class CalendarGaps {
  private gaps?: { at: number; years: number[] };
  private refreshing?: Promise<unknown>;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

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

  /**
   * What the last check found, at once (undefined before the first), while a stale answer is
   * refreshed in the background: /health never waits for the scan.
   */
  peek(): number[] | undefined {
    const now = this.clock.now().getTime();
    if (!this.gaps || now - this.gaps.at >= GAPS_TTL_MS || now < this.gaps.at) {
      this.refreshing ??= this.uncoveredYears()
        .catch(() => undefined)
        .finally(() => (this.refreshing = undefined));
    }
    return this.gaps?.years;
  }

  /** A year was stored: the next question is answered afresh. */
  invalidate(): void {
    this.gaps = undefined;
  }
}

/** The warning line for /health and the admins' nightly mail. */
export const calendarGapWarning = (years: number[]) => `${years.join('、')}年尚无节假日安排数据：这些年份的工作日按周一至周五计算，请管理员录入国务院办公厅公布的放假调休安排（PUT /api/calendar/{year}）`;
