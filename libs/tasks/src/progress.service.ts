import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@duban/auth';
import { type AssignmentRole, preparedQuery } from '@duban/persistence';
import { Clock } from '@duban/clock';
import { actorOf, DomainError, statusAfterProgress, TASK_STATUSES } from '@duban/domain';
import { assertNotPublishedInto, taskInScope } from './task-access';
import { TaskQueries } from './task.queries';
import { iso, type ProgressView } from './task.views';

export interface NewProgress {
  percent: number;
  summary: string;
  nextSteps?: string;
  evidenceUrls?: string[];
}

/**
 * The status a first report moves on (accepted → in_progress) and who may move it (the lead), as
 * the status machine says: a co department's report leaves the lead's task where it is.
 */
const STARTS = (() => {
  const by = actorOf('start');
  const from = TASK_STATUSES.find((s) => s !== 'completed' && statusAfterProgress(s, by) !== s)!;
  return { from, to: statusAfterProgress(from, by), by };
})();

const APPEND = `
with target as (
  select t.id, t.status, t.removed_at is not null as removed, t.draft, a.role, d.name as department_name
  from task t
  left join assignment a on a.task_id = t.id and a.department_id = ?::uuid
  left join department d on d.id = a.department_id
  where t.id = ?::uuid
), report as (
  insert into progress_report (id, task_id, department_id, author_id, percent, summary, next_steps, evidence_urls, created_at)
  select ?::uuid, target.id, ?::uuid, ?::uuid, ?::int, ?::text, ?::text, array(select jsonb_array_elements_text(?::jsonb)), ?::timestamptz
  from target
  where target.role is not null and not target.removed and not target.draft and target.status <> 'completed'
  returning id, created_at
)
select target.status, target.removed, target.draft, target.role, target.department_name as "departmentName",
       report.id as "reportId", report.created_at as "createdAt"
from target left join report on true`;

/** The first report on an accepted task starts it: status, version and the audit event at once. */
const START = `
with started as (
  update task set status = ?, version = version + 1, updated_at = ?::timestamptz
  where id = ? and status = ?
  returning id
)
insert into task_event (id, task_id, actor_id, type, before, after, reason, at)
select gen_random_uuid(), started.id, ?, 'start', ?::jsonb, ?::jsonb, null, ?::timestamptz from started`;

interface AppendRow {
  status: string;
  removed: boolean;
  draft: boolean;
  role: AssignmentRole | null;
  departmentName: string | null;
  reportId: string | null;
  createdAt: Date | string | null;
}

/** Progress is reported by each department for its own part; reports are never changed (append-only). */
@Injectable()
export class ProgressService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly queries: TaskQueries,
  ) {}

  /**
   * One statement, one round trip, no entity loaded: it checks the caller's department holds the
   * task (lead or co) and the task is open, appends the report and answers the row written,
   * whatever the task's history holds. When nothing was written, the task's state read by the same
   * statement says why. The lead's first report after 签收 also starts the task (`START`).
   */
  async report(user: AuthUser, taskId: string, input: NewProgress): Promise<ProgressView> {
    if (!user.departmentId) throw DomainError.forbidden('该任务不属于本单位');
    const now = this.clock.now();
    const summary = input.summary.trim();
    const nextSteps = input.nextSteps?.trim() || null;
    const evidenceUrls = input.evidenceUrls ?? [];
    // prepared: PostgreSQL planned this statement on every call for about as long as it ran it
    const [row] = await preparedQuery<AppendRow>(this.em, 'progress', APPEND, [user.departmentId, taskId, randomUUID(), user.departmentId, user.id, input.percent, summary, nextSteps, JSON.stringify(evidenceUrls), now.toISOString()]);
    if (!row) throw DomainError.notFound('task', taskId);
    if (!row.role || row.draft) throw DomainError.forbidden(row.draft ? '该任务属于草稿方案，发布前只有联席会议办公室可以查看' : '该任务不属于本单位');
    if (!row.reportId) {
      if (row.removed) {
        await assertNotPublishedInto(this.em, taskId);
        throw DomainError.conflict('该任务已在方案修订中删除', { currentStatus: row.status });
      }
      statusAfterProgress(row.status, row.role); // throws the conflict naming the status
      throw DomainError.conflict('进展未能保存，请重试', { currentStatus: row.status });
    }
    // a second statement only on the lead's first report (accepted → in_progress): the common
    // report plans and runs as one small statement; the transition is guarded by the status
    if (row.status === STARTS.from && row.role === STARTS.by) {
      await this.em.execute(START, [STARTS.to, now, taskId, STARTS.from, user.id, JSON.stringify({ status: STARTS.from }), JSON.stringify({ status: STARTS.to }), now]);
    }
    return {
      id: row.reportId,
      taskId,
      department: { id: user.departmentId, name: row.departmentName! },
      role: row.role,
      percent: input.percent,
      summary,
      nextSteps,
      evidenceUrls,
      // the caller, as its token says (the history reads the account's current address)
      author: { id: user.id, email: user.email },
      createdAt: iso(row.createdAt)!,
    };
  }

  async history(user: AuthUser, taskId: string): Promise<ProgressView[]> {
    await taskInScope(this.em, user, taskId);
    return this.queries.progress(taskId);
  }
}
