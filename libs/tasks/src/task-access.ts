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
export async function taskInScope(em: EntityManager, user: Actor, id: string, options: { lock?: boolean } = {}): Promise<TaskInScope> {
  const task = isUuid(id) ? await em.findOne(Task, id, options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) : null;
  if (!task) throw DomainError.notFound('task', id);
  if (!user || user.role === 'admin') return { task, role: null };
  if (task.draft && !seesDrafts(user)) throw DomainError.forbidden('this task belongs to a draft plan; only the coordinators see it until it is published');
  if (user.role === 'department') {
    const held = user.departmentId ? await em.findOne(Assignment, { task, department: user.departmentId }) : null;
    if (!held) throw DomainError.forbidden('your department does not hold this task');
    return { task, role: held.role };
  }
  assertJurisdiction(user, task.jurisdiction.id, 'this task belongs to another jurisdiction');
  return { task, role: null };
}

/** The same rule as a SQL condition on `task t`, for lists (drafts are the list's own filter). */
export function scopeCondition(user: AuthUser): [string, unknown[]] {
  if (user.role === 'department') return ['exists (select 1 from assignment s where s.task_id = t.id and s.department_id = ?)', [user.departmentId]];
  return jurisdictionCondition(user, 't.jurisdiction_id');
}

/** Lead actions need a user of a lead department; coordinator actions the office (or an admin). */
export function assertActor({ role }: TaskInScope, user: AuthUser, actor: TaskActor): void {
  const ok = actor === 'lead' ? user.role === 'department' && role === 'lead' : user.role === 'coordinator' || user.role === 'admin';
  if (!ok) throw DomainError.forbidden(actor === 'lead' ? 'only a lead department (牵头单位) may do this' : 'only the coordinator office may decide this');
}

/**
 * The one concurrency rule for a task change: the writer holds the task's row lock (concurrent
 * changes queue, so none records a stale "before"), and `If-Match`, when sent, carries the
 * version the clerk saw (the task's ETag): a change made since is a 412. A removed task takes no
 * change (409).
 */
export function assertWritable(task: Task, ifMatch: string | undefined): void {
  if (task.removedAt) throw DomainError.conflict('the task was removed (dropped by a revision of its plan, or deleted or merged in review)', { currentStatus: task.status, taskId: task.id });
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const seen = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, '').replace(/"/g, ''));
  if (!seen.includes(String(task.version))) {
    throw new DomainError('precondition_failed', 'the task changed since you loaded it; reload it and try again', { currentVersion: task.version, currentStatus: task.status });
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
