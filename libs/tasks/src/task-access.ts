import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertJurisdiction, type AuthUser, jurisdictionCondition } from '@duban/auth';
import { DomainError, type TaskActor, isUuid } from '@duban/domain';
import { Assignment, type AssignmentRole, Task } from '@duban/persistence';
import { type Actor, seesDrafts } from '@duban/plans';

export interface TaskInScope {
  task: Task;
  /** The caller's department's part in the task (department users only). */
  role: AssignmentRole | null;
}

/**
 * The one scope rule for a task. Who sees it: an admin (and the operator at the command line,
 * `null`) all; a coordinator or observer its jurisdiction's; a department user the tasks its
 * department leads or helps with; a draft's tasks only the coordinators. Unknown ids are 404,
 * others' tasks 403. `lock` row-locks the task for a change (see `changeTask`).
 */
export async function taskInScope(em: EntityManager, user: Actor, id: string, options: { lock?: boolean; retired?: boolean } = {}): Promise<TaskInScope> {
  const task = isUuid(id) ? await em.findOne(Task, id, options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) : null;
  if (!task) throw DomainError.notFound('task', id);
  const scoped = await scopeOf(em, user, task);
  // checked once the caller may see the task: the answer names the live task
  if (task.removedAt && !options.retired) await assertNotPublishedInto(em, task.id);
  return scoped;
}

async function scopeOf(em: EntityManager, user: Actor, task: Task): Promise<TaskInScope> {
  if (!user || user.role === 'admin') return { task, role: null };
  if (task.draft && !seesDrafts(user)) throw DomainError.forbidden('该任务属于草稿方案，发布前只有联席会议办公室可以查看');
  if (user.role === 'department') {
    const held = user.departmentId ? await em.findOne(Assignment, { task, department: user.departmentId }) : null;
    if (!held) throw DomainError.forbidden('该任务不属于本单位');
    return { task, role: held.role };
  }
  assertJurisdiction(user, task.jurisdiction.id, '该任务属于其他地区');
  return { task, role: null };
}

/**
 * A draft revision's copy of a live task is retired when the draft is published: the live task
 * carries on under its own id with the copy's corrections (`published_into`). The copy's id is
 * gone for good (410), and the answer points to the live task; only its history still answers.
 */
export async function assertNotPublishedInto(em: EntityManager, taskId: string): Promise<void> {
  const [into] = await em.execute<{ taskId: string; planId: string; title: string }[]>(
    `select live.id as "taskId", live.plan_id as "planId", live.title
       from task_event e join task live on live.id = (e.after->>'taskId')::uuid
      where e.task_id = ? and e.type = 'published_into'
      limit 1`,
    [taskId],
  );
  if (!into) return;
  throw new DomainError('gone', `该任务是草稿中的副本，草稿发布后已由正式任务「${into.title}」接替，此编号已停用；请改用正式任务（见 taskId）`, {
    reason: 'published_into',
    taskId: into.taskId,
    planId: into.planId,
    location: `/api/tasks/${into.taskId}`,
  });
}

/** The same rule as a SQL condition on `task t`, for lists (drafts are the list's own filter). */
export function scopeCondition(user: AuthUser): [string, unknown[]] {
  if (user.role === 'department') return ['exists (select 1 from assignment s where s.task_id = t.id and s.department_id = ?)', [user.departmentId]];
  return jurisdictionCondition(user, 't.jurisdiction_id');
}

/**
 * The same rule on the plan (`plan p`) where the scope is a plan's (a jurisdiction, or all), for
 * lists read plan by plan; a department's scope is its assignments, not a plan: `undefined`.
 * A task's jurisdiction is its plan's, so this narrows nothing the task's own condition allows.
 */
export function planScopeCondition(user: AuthUser): [string | undefined, unknown[]] {
  switch (user.role) {
    case 'admin':
      return ['true', []];
    case 'department':
      return [undefined, []];
    default:
      return ['p.jurisdiction_id = ?', [user.jurisdictionId]];
  }
}

/** Lead actions need a user of a lead department; coordinator actions the office (or an admin). */
export function assertActor({ role }: TaskInScope, user: AuthUser, actor: TaskActor): void {
  const ok = actor === 'lead' ? user.role === 'department' && role === 'lead' : user.role === 'coordinator' || user.role === 'admin';
  if (!ok) throw DomainError.forbidden(actor === 'lead' ? '只有牵头单位可以执行此操作' : '只有联席会议办公室可以决定此事');
}

/**
 * The one concurrency rule for a task change: the writer holds the task's row lock (concurrent
 * changes queue, so none records a stale "before"), and `If-Match`, when sent, carries the
 * version the clerk saw (the task's ETag): a change made since is a 412. A removed task takes no
 * change (409).
 */
export function assertWritable(task: Task, ifMatch: string | undefined): void {
  if (task.removedAt) throw DomainError.conflict('该任务已删除（在方案修订中删除，或在审核中删除、合并），不能再修改', { currentStatus: task.status, taskId: task.id });
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const seen = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, '').replace(/"/g, ''));
  if (!seen.includes(String(task.version))) {
    throw new DomainError('precondition_failed', '任务在您打开后已被修改，请刷新后重试', { currentVersion: task.version, currentStatus: task.status });
  }
}

export const etagOf = (version: number): string => `"${version}"`;

/** Builds `a and b and …` with its `?` parameters in order. */
export class Conditions {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  and(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }

  toString(): string {
    return this.parts.length ? this.parts.join(' and ') : 'true';
  }
}

export const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');
