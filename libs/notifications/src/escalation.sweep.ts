import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { addDays, escalationMail, type EscalationItem, type LadderStep, ladderThresholds, type LocalDate, type WorkCalendar, workingDaysAfter } from '@duban/domain';
import { MailAddresses } from './mail-addresses';
import type { JurisdictionRules } from './notification-rules';
import type { OutboxMail } from './outbox';
import { WORK_CALENDAR } from './work-calendar';

/**
 * A notice held back on the day its step was reached (that recipient had had its mail) goes out
 * the next day; looking back further would re-check every recent escalation on every sweep.
 */
const NOTICE_DAYS = 2;

export interface Notices {
  mails: OutboxMail[];
  escalations: Map<string, string[]>;
}

interface NoticeRow {
  escalation_id: string;
  task_id: string;
  level: string;
  deadline: LocalDate;
  title: string;
  plan: string;
  jurisdiction_id: string;
  recipient: string;
  department_id: string | null;
  lead: string[];
}

/** A uuid[] literal: `em.execute` expands an array parameter into a list, which `= any(…)` cannot take. */
const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * The open tasks whose step is not the one their deadline puts them on today: per step, those
 * with a deadline outside its band (climbing or, after an extension, dropping), plus any on a
 * level the ladder no longer has. Each branch is a range of `task_ladder_idx` (jurisdiction,
 * level, deadline), so a sweep reads the tasks that change, not every overdue task.
 */
function offLadder(ladder: readonly LadderStep[], thresholds: Array<{ deadlineBefore: LocalDate }>): { sql: string; parameters: (ids: string[]) => unknown[] } {
  const branches: Array<{ where: string; values: unknown[] }> = [];
  // '' = not escalated: due to climb once the deadline is before the first step's date
  const bands = [{ level: '', lo: thresholds[0].deadlineBefore as LocalDate | null, hi: null as LocalDate | null }];
  ladder.forEach((step, i) => bands.push({ level: step.level, lo: thresholds[i + 1]?.deadlineBefore ?? null, hi: thresholds[i].deadlineBefore }));
  for (const b of bands) {
    if (b.lo) branches.push({ where: `coalesce(t.escalation_level, '') = ? and t.deadline < ?::date`, values: [b.level, b.lo] });
    if (b.hi) branches.push({ where: `coalesce(t.escalation_level, '') = ? and t.deadline >= ?::date`, values: [b.level, b.hi] });
  }
  const known = bands.map((b) => b.level).sort();
  known.forEach((level, i) => {
    const next = known[i + 1];
    branches.push(next === undefined ? { where: `coalesce(t.escalation_level, '') > ?`, values: [level] } : { where: `coalesce(t.escalation_level, '') > ? and coalesce(t.escalation_level, '') < ?`, values: [level, next] });
  });
  const open = `t.jurisdiction_id = any(?::uuid[]) and t.removed_at is null and t.status <> 'completed' and not t.draft`;
  return {
    sql: branches.map((b) => `select t.id from task t where ${open} and ${b.where}`).join('\n           union all\n           '),
    parameters: (ids) => branches.flatMap((b) => [uuidArray(ids), ...b.values]),
  };
}

/**
 * The ladder as indexed SQL: per ladder (most jurisdictions share the default), one statement
 * moves every task of the batch to the step its deadline puts it on today: up as days pass, down
 * when an extension moved the deadline, off when the task completed or was removed. A step
 * reached is recorded once per (task, level, deadline); notices follow from those records.
 */
@Injectable()
export class EscalationSweep {
  constructor(
    private readonly em: EntityManager,
    private readonly mailAddresses: MailAddresses,
    @Inject(WORK_CALENDAR) private readonly cal: WorkCalendar,
  ) {}

  async escalate(today: LocalDate, jurisdictionIds: string[], rules: (id: string) => JurisdictionRules, now: Date): Promise<{ changed: number; raised: number }> {
    const byLadder = new Map<string, string[]>();
    for (const id of jurisdictionIds) {
      const key = JSON.stringify(rules(id).ladder);
      byLadder.set(key, [...(byLadder.get(key) ?? []), id]);
    }
    const total = { changed: 0, raised: 0 };
    for (const ids of byLadder.values()) {
      const ladder = rules(ids[0]).ladder;
      const thresholds = ladderThresholds(this.cal, today, ladder).reverse();
      const cases = thresholds.map(() => 'when t.deadline < ?::date then ?').join(' ');
      const off = offLadder(ladder, ladderThresholds(this.cal, today, ladder));
      const [row] = await this.em.execute<Array<{ changed: number; raised: number }>>(
        `with ladder as (
           select * from jsonb_to_recordset(?::jsonb) as l(level text, rank int, notify text[])
         ), cand as (
           ${off.sql}
           union all
           select t.id from task t
           where t.jurisdiction_id = any(?::uuid[]) and t.escalation_level is not null and (t.removed_at is not null or t.status = 'completed')
         ), changed as (
           update task t set escalation_level = case when t.removed_at is null and t.status <> 'completed' then case ${cases} end end
           where t.id = any(array(select id from cand)) and not t.draft
             and t.escalation_level is distinct from (case when t.removed_at is null and t.status <> 'completed' then case ${cases} end end)
           returning t.id, t.deadline, old.escalation_level as current, new.escalation_level as target
         ), raised as (
           insert into task_escalation (id, task_id, level, deadline, notify, reached_on, created_at)
           select gen_random_uuid(), c.id, c.target, c.deadline, l.notify, ?::date, ?::timestamptz
           from changed c join ladder l on l.level = c.target
           where l.rank > coalesce((select p.rank from ladder p where p.level = c.current), 0)
           on conflict (task_id, level, deadline) do nothing
           returning 1
         )
         select (select count(*) from changed)::int as changed, (select count(*) from raised)::int as raised`,
        [
          JSON.stringify(ladder.map((s, i) => ({ level: s.level, rank: i + 1, notify: s.notify }))),
          ...off.parameters(ids),
          uuidArray(ids),
          ...thresholds.flatMap((t) => [t.deadlineBefore, t.step.level]),
          ...thresholds.flatMap((t) => [t.deadlineBefore, t.step.level]),
          today,
          now,
        ],
      );
      total.changed += row.changed;
      total.raised += row.raised;
    }
    return total;
  }

  /**
   * One notice per recipient per day, listing every task that reached a step it hears of, and
   * for each mail key the escalations it covers (see `markNoticed`).
   */
  async notices(today: LocalDate, jurisdictionIds: string[], rules: (id: string) => JurisdictionRules): Promise<Notices> {
    const stage = `r.level || '/' || to_char(r.deadline, 'YYYY-MM-DD')`;
    const rows = await this.em.execute<NoticeRow[]>(
      `with reached as (
         select e.id as escalation_id, e.task_id, e.level, e.deadline, e.notify, t.title, p.title as plan, t.jurisdiction_id,
                array(select d.name from assignment a2 join department d on d.id = a2.department_id
                      where a2.task_id = t.id and a2.role = 'lead' order by a2.position) as lead
         from task_escalation e
         join task t on t.id = e.task_id and t.escalation_level = e.level and t.deadline = e.deadline
                    and t.removed_at is null and t.status <> 'completed'
         join plan p on p.id = t.plan_id
         where t.jurisdiction_id in (?) and e.noticed_at is null and (e.reached_on >= ?::date or e.unaddressed)
       )
       select r.escalation_id, r.task_id, r.level, to_char(r.deadline, 'YYYY-MM-DD') as deadline, r.title, r.plan, r.jurisdiction_id, r.lead,
              'dept:' || a.department_id as recipient, a.department_id
       from reached r
       join assignment a on a.task_id = r.task_id and a.role = any(r.notify)
       where not exists (select 1 from notice_item n where n.kind = 'escalation' and n.task_id = r.task_id
                         and n.recipient = 'dept:' || a.department_id and n.stage = ${stage})
       union all
       select r.escalation_id, r.task_id, r.level, to_char(r.deadline, 'YYYY-MM-DD'), r.title, r.plan, r.jurisdiction_id, r.lead,
              'coord:' || r.jurisdiction_id, null
       from reached r
       where 'coordinators' = any(r.notify)
         and not exists (select 1 from notice_item n where n.kind = 'escalation' and n.task_id = r.task_id
                         and n.recipient = 'coord:' || r.jurisdiction_id and n.stage = ${stage})`,
      [jurisdictionIds, addDays(today, -NOTICE_DAYS)],
    );
    if (!rows.length) return { mails: [], escalations: new Map() };
    const departments = await this.mailAddresses.departments([...new Set(rows.flatMap((r) => (r.department_id ? [r.department_id] : [])))]);
    const offices = await this.mailAddresses.coordinators([...new Set(rows.filter((r) => !r.department_id).map((r) => r.jurisdiction_id))]);
    const byRecipient = new Map<string, NoticeRow[]>();
    for (const r of rows) (byRecipient.get(r.recipient) ?? byRecipient.set(r.recipient, []).get(r.recipient)!).push(r);

    const mails: OutboxMail[] = [];
    // every escalation seen, under the key of the mail that carries it ('' when it has nowhere to go)
    const escalations = new Map<string, string[]>();
    const cover = (key: string, items: NoticeRow[]) => escalations.set(key, [...(escalations.get(key) ?? []), ...items.map((r) => r.escalation_id)]);
    for (const [recipient, items] of byRecipient) {
      const to = departments.get(recipient) ?? offices.get(recipient);
      if (!to?.emails.length) {
        cover('', items);
        continue;
      }
      const key = `escalation:${recipient}:${today}`;
      cover(key, items);
      const ladder = rules(to.jurisdictionId).ladder;
      const lines: EscalationItem[] = items.map((r) => ({
        title: r.title,
        plan: r.plan,
        deadline: r.deadline,
        lead: r.lead,
        label: ladder.find((s) => s.level === r.level)?.label ?? r.level,
        workingDaysOverdue: workingDaysAfter(this.cal, r.deadline, today),
      }));
      mails.push({
        key,
        kind: 'escalation',
        recipients: to.emails,
        content: escalationMail({ jurisdiction: to.jurisdiction, recipient: to.name, date: today, items: lines }),
        lines: items.map((r) => ({ kind: 'escalation', taskId: r.task_id, recipient, stage: `${r.level}/${r.deadline}` })),
      });
    }
    return { mails, escalations };
  }

  /**
   * Escalations whose notices are all written drop out of later sweeps; one whose mail was held
   * back (its recipient had had today's notice already) stays for tomorrow; one with a recipient
   * that has no address yet is flagged and looked at by every sweep until an address appears
   * (a notice is never marked done while it had nowhere to go).
   */
  async markNoticed(notices: Notices, writtenKeys: Set<string>, now: Date): Promise<void> {
    const held = new Set([...notices.escalations].filter(([key]) => key && !writtenKeys.has(key)).flatMap(([, ids]) => ids));
    const unaddressed = new Set(notices.escalations.get('') ?? []);
    const done = [...new Set([...notices.escalations.values()].flat())].filter((id) => !held.has(id) && !unaddressed.has(id));
    if (unaddressed.size) {
      await this.em.execute(
        `update task_escalation set unaddressed = true where id = any(?::uuid[]) and not unaddressed`,
        [uuidArray([...unaddressed])],
      );
    }
    if (!done.length) return;
    await this.em.execute(
      `update task_escalation set noticed_at = ? where id = any(?::uuid[]) and noticed_at is null`,
      [now, uuidArray(done)],
    );
  }
}
