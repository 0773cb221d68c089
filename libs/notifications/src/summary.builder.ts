import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { addDays, type LadderStep, type LocalDate, MAX_ROWS, type OverdueLine, type SummaryInput, type TaskLine, type WorkCalendar, workingDaysAfter } from '@duban/domain';
import { WORK_CALENDAR } from './work-calendar';

export interface SummaryScope {
  meeting: string;
  jurisdictionId: string;
  jurisdiction: string;
  date: LocalDate;
  /** The previous summary's date; "newly overdue" means a deadline on or after it and before today. */
  since: LocalDate;
  /** When the previous summary was made: reports and completions after it are news. */
  sinceInstant: Date;
  ladder: readonly LadderStep[];
}

type LineRow = { id: string; title: string; plan: string; deadline: LocalDate | null; lead: string[]; total: number };

/** Tasks of a draft plan are nobody's business but the coordinators' until it is published. */
const OPEN = `t.removed_at is null and not t.draft and t.status <> 'completed'`;
const LINE = `t.id, t.title, p.title as plan, to_char(t.deadline, 'YYYY-MM-DD') as deadline,
  array(select d.name from assignment a join department d on d.id = a.department_id
        where a.task_id = t.id and a.role = 'lead' order by a.position) as lead,
  (count(*) over ())::int as total`;

/** Reads what the nightly summary of one joint meeting says: a handful of indexed queries per jurisdiction. */
@Injectable()
export class SummaryBuilder {
  constructor(
    private readonly em: EntityManager,
    @Inject(WORK_CALENDAR) private readonly cal: WorkCalendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async build(s: SummaryScope): Promise<SummaryInput> {
    const j = s.jurisdictionId;
    const redLevels = s.ladder.filter((step) => step.redCard).map((step) => step.level);
    const [totals, newlyOverdue, escalated, redCards, departments, dueSoon, [activity]] = await Promise.all([
      this.em.execute<Array<{ status: string; count: number }>>(
        `select t.status, count(*)::int as count from task t where t.jurisdiction_id = ? and t.removed_at is null and not t.draft group by t.status order by t.status`,
        [j],
      ),
      this.lines(`t.jurisdiction_id = ? and ${OPEN} and t.deadline >= ?::date and t.deadline < ?::date`, [j, s.since, s.date]),
      this.em.execute<Array<{ level: string; count: number }>>(
        `select t.escalation_level as level, count(*)::int as count from task t
         where t.jurisdiction_id = ? and t.escalation_level is not null and ${OPEN} group by t.escalation_level`,
        [j],
      ),
      redLevels.length ? this.lines(`t.jurisdiction_id = ? and ${OPEN} and t.escalation_level in (?)`, [j, redLevels]) : Promise.resolve([]),
      this.em.execute<Array<{ name: string; lead: number; completed: number; overdue: number; last_report: LocalDate | null }>>(
        `select d.name, count(*)::int as lead,
                (count(*) filter (where t.status = 'completed'))::int as completed,
                (count(*) filter (where t.status <> 'completed' and t.deadline < ?::date))::int as overdue,
                to_char(max(lr.at) at time zone ?, 'YYYY-MM-DD') as last_report
         from assignment a
         join task t on t.id = a.task_id
         join department d on d.id = a.department_id
         left join lateral (select max(r.created_at) as at from progress_report r where r.task_id = t.id and r.department_id = d.id) lr on true
         where a.role = 'lead' and t.jurisdiction_id = ? and t.removed_at is null and not t.draft
         group by d.id, d.name order by d.name`,
        [s.date, this.config.tzPlans, j],
      ),
      this.lines(`t.jurisdiction_id = ? and ${OPEN} and t.deadline >= ?::date and t.deadline <= ?::date`, [j, s.date, addDays(s.date, 30)]),
      this.em.execute<Array<{ count: number }>>(
        // reports per task of the jurisdiction through (task_id, created_at): a join let the planner
        // scan every report of the country by date, once per summary
        `select ((select coalesce(sum(n.count), 0) from task t
                  cross join lateral (select count(*) as count from progress_report r where r.task_id = t.id and r.created_at >= ?::timestamptz) n
                  where t.jurisdiction_id = ? and not t.draft)
               + (select count(*) from task t where t.jurisdiction_id = ? and not t.draft and t.completed_at >= ?::timestamptz))::int as count`,
        [s.sinceInstant, j, j, s.sinceInstant],
      ),
    ]);
    const late = (rows: LineRow[]): OverdueLine[] => rows.map((r) => ({ ...line(r), workingDaysOverdue: r.deadline ? workingDaysAfter(this.cal, r.deadline, s.date) : 0 }));
    return {
      meeting: s.meeting,
      jurisdiction: s.jurisdiction,
      date: s.date,
      since: s.since,
      totals,
      newlyOverdue: late(newlyOverdue),
      newlyOverdueTotal: newlyOverdue[0]?.total ?? 0,
      escalations: s.ladder.map((step) => ({ level: step.level, label: step.label, count: escalated.find((e) => e.level === step.level)?.count ?? 0 })),
      redCards: late(redCards),
      redCardTotal: redCards[0]?.total ?? 0,
      departments: departments.map((d) => ({ name: d.name, lead: d.lead, completed: d.completed, overdue: d.overdue, lastReport: d.last_report })),
      dueSoon: dueSoon.map(line),
      dueSoonTotal: dueSoon[0]?.total ?? 0,
      activity: activity.count,
    };
  }

  private lines(where: string, params: unknown[]): Promise<LineRow[]> {
    return this.em.execute<LineRow[]>(
      `select ${LINE} from task t join plan p on p.id = t.plan_id where ${where} order by t.deadline, t.title limit ${MAX_ROWS}`,
      params,
    );
  }
}

const line = (r: LineRow): TaskLine => ({ id: r.id, title: r.title, plan: r.plan, deadline: r.deadline, lead: r.lead });
