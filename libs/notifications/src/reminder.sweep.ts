import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { type LocalDate, type ReminderItem, reminderCutoffs, reminderMail, reportCycle, type WorkCalendar } from '@duban/domain';
import { deptKey, MailAddresses } from './mail-addresses';
import type { JurisdictionRules } from './notification-rules';
import type { OutboxMail } from './outbox';
import { WORK_CALENDAR } from './work-calendar';

export interface Reminders {
  mails: OutboxMail[];
  /** jurisdictions whose monthly report ask these mails carry */
  reportsAsked: string[];
  /** mail key → the jurisdiction whose report ask the mail carries */
  asks: Map<string, string>;
}

interface DueRow {
  task_id: string;
  title: string;
  plan: string;
  deadline: LocalDate | null;
  department_id: string;
  role: 'lead' | 'co';
  /** reminder: the offset in days; report: null */
  offset_days: number | null;
}

/**
 * Reminders as indexed SQL over the due window, not one delayed job per task: on a working day,
 * every open task whose deadline falls within its jurisdiction's reminder cut-offs and whose
 * stage has not yet been in a mail to that department, plus (from the monthly report day on)
 * every open task with no progress report this month. One mail per department per day.
 */
@Injectable()
export class ReminderSweep {
  constructor(
    private readonly em: EntityManager,
    private readonly mailAddresses: MailAddresses,
    @Inject(WORK_CALENDAR) private readonly cal: WorkCalendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The day's reminder mails for these jurisdictions, and the jurisdictions whose monthly report
   * ask they include (`asks`: mail key → jurisdiction): once claimed by `markReportsAsked`, later
   * sweeps are spared the whole-table ask.
   */
  async reminders(today: LocalDate, jurisdictionIds: string[], rules: (id: string) => JurisdictionRules): Promise<Reminders> {
    const none: Reminders = { mails: [], reportsAsked: [], asks: new Map() };
    // the tested rule, as deadline bounds per jurisdiction; null on a day off (nothing is sent)
    const cutoffs = jurisdictionIds.flatMap((id) => {
      const c = reminderCutoffs(this.cal, today, rules(id).reminderOffsets);
      return c ? [{ jurisdiction_id: id, offsets: c.map((x) => x.offsetDays), befores: c.map((x) => x.deadlineBefore) }] : [];
    });
    if (!cutoffs.length) return none;
    const until = cutoffs.flatMap((c) => c.befores).reduce((max, d) => (d > max ? d : max), today);
    const due = await this.em.execute<DueRow[]>(
      `with cutoff as (
         select * from jsonb_to_recordset(?::jsonb) as c(jurisdiction_id uuid, offsets int[], befores date[])
       ), due as (
         select t.id, t.title, t.plan_id, t.deadline,
                (select min(k) from unnest(c.offsets, c.befores) as x(k, before) where t.deadline < x.before) as offset_days
         from task t join cutoff c on c.jurisdiction_id = t.jurisdiction_id
         where t.jurisdiction_id in (?) and t.removed_at is null and t.status <> 'completed' and not t.draft
           and t.deadline >= ?::date and t.deadline < ?::date
       )
       select due.id as task_id, due.title, p.title as plan, to_char(due.deadline, 'YYYY-MM-DD') as deadline,
              a.department_id, a.role, due.offset_days
       from due join plan p on p.id = due.plan_id join assignment a on a.task_id = due.id
       where due.offset_days is not null
         and not exists (select 1 from notice_item n where n.kind = 'reminder' and n.task_id = due.id
                         and n.recipient = 'dept:' || a.department_id
                         and n.stage = to_char(due.deadline, 'YYYY-MM-DD') || '/' || due.offset_days)`,
      [JSON.stringify(cutoffs), jurisdictionIds, today, until],
    );
    const reports = await this.reportsDue(today, jurisdictionIds, rules);
    return { ...(await this.compose(today, due, reports.rows, reports.cycle)), reportsAsked: reports.jurisdictionIds };
  }

  /**
   * Records the monthly ask of these jurisdictions; returns those recorded here. One that another
   * sweep recorded meanwhile (a concurrent sweep; its row still uncommitted makes this wait) was
   * asked by that sweep: the mails carrying it must not be written again.
   */
  async markReportsAsked(today: LocalDate, jurisdictionIds: string[], now: Date): Promise<Set<string>> {
    if (!jurisdictionIds.length) return new Set();
    const rows = await this.em.execute<Array<{ jurisdiction_id: string }>>(
      `insert into report_cycle_run (jurisdiction_id, cycle, created_at)
       select id::uuid, ?, ?::timestamptz from jsonb_array_elements_text(?::jsonb) as id order by id on conflict do nothing
       returning jurisdiction_id`,
      [today.slice(0, 7), now, JSON.stringify(jurisdictionIds)],
    );
    return new Set(rows.map((r) => r.jurisdiction_id));
  }

  /**
   * From the configured day of the month (moved back to a working day), once per cycle: a task
   * created after its jurisdiction's ask went out is asked next month.
   */
  private async reportsDue(today: LocalDate, jurisdictionIds: string[], rules: (id: string) => JurisdictionRules): Promise<{ rows: DueRow[]; cycle: string; jurisdictionIds: string[] }> {
    const cycle = reportCycle(this.cal, today, 1);
    const due = jurisdictionIds.filter((id) => reportCycle(this.cal, today, rules(id).reportCycleDay).due);
    const asked = due.length
      ? new Set((await this.em.execute<Array<{ jurisdiction_id: string }>>(`select jurisdiction_id from report_cycle_run where cycle = ? and jurisdiction_id in (?)`, [cycle.cycle, due])).map((r) => r.jurisdiction_id))
      : new Set<string>();
    const ids = due.filter((id) => !asked.has(id));
    if (!ids.length) return { rows: [], cycle: cycle.cycle, jurisdictionIds: [] };
    const rows = await this.em.execute<DueRow[]>(
      // no line per task asked (report_cycle_run records the ask), so nothing to look up per line
      `select t.id as task_id, t.title, p.title as plan, to_char(t.deadline, 'YYYY-MM-DD') as deadline, a.department_id, a.role, null as offset_days
       from task t join plan p on p.id = t.plan_id join assignment a on a.task_id = t.id
       where t.jurisdiction_id in (?) and t.removed_at is null and t.status <> 'completed' and not t.draft
         and not exists (select 1 from progress_report r where r.task_id = t.id and r.created_at >= (?::timestamp at time zone ?))`,
      [ids, cycle.since, this.config.tzPlans],
    );
    return { rows, cycle: cycle.cycle, jurisdictionIds: ids };
  }

  private async compose(today: LocalDate, due: DueRow[], reports: DueRow[], cycle: string): Promise<Omit<Reminders, 'reportsAsked'>> {
    const byDept = new Map<string, { due: DueRow[]; reports: DueRow[] }>();
    const group = (id: string) => byDept.get(id) ?? byDept.set(id, { due: [], reports: [] }).get(id)!;
    for (const r of due) group(r.department_id).due.push(r);
    for (const r of reports) group(r.department_id).reports.push(r);
    if (!byDept.size) return { mails: [], asks: new Map() };
    const departments = await this.mailAddresses.departments([...byDept.keys()]);
    const item = (r: DueRow): ReminderItem => ({ title: r.title, plan: r.plan, deadline: r.deadline, lead: [], role: r.role });
    const byDeadline = (a: DueRow, b: DueRow) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || a.title.localeCompare(b.title);

    const mails: OutboxMail[] = [];
    const asks = new Map<string, string>();
    for (const [departmentId, { due: d, reports: r }] of byDept) {
      const to = departments.get(deptKey(departmentId));
      if (!to?.emails.length) continue;
      d.sort(byDeadline);
      r.sort(byDeadline);
      const key = `reminder:${to.key}:${today}`;
      if (r.length) asks.set(key, to.jurisdictionId);
      mails.push({
        key,
        kind: 'reminder',
        recipients: to.emails,
        content: reminderMail({ jurisdiction: to.jurisdiction, department: to.name, date: today, due: d.map(item), reports: r.map(item), cycle: r.length ? cycle : null }),
        // the monthly ask is recorded per jurisdiction (report_cycle_run, same transaction as
        // this mail): a line per task asked was most of the report day's cost
        lines: d.map((x) => ({ kind: 'reminder' as const, taskId: x.task_id, recipient: to.key, stage: `${x.deadline}/${x.offset_days}` })),
      });
    }
    return { mails, asks };
  }
}
