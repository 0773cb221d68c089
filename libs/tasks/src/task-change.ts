import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, type FieldProblem, isUuid } from '@duban/domain';
import { User } from '@duban/persistence';
import { type Actor, lockJurisdiction } from '@duban/plans';
import { assertWritable, type TaskInScope, taskInScope } from './task-access';

export interface ChangeOptions {
  /** The version the caller saw (`If-Match`); see `assertWritable`. */
  ifMatch?: string;
  /**
   * Take the jurisdiction's import lock before the task's row lock: for changes that add or
   * remove tasks or departments, which must not interleave with an import or a publish (and
   * the same order as theirs, so the two never deadlock).
   */
  lockJurisdiction?: boolean;
}

/**
 * One change of one task, in its own transaction: row-locked, scope checked (`taskInScope`),
 * version and removal checked (`assertWritable`). `change` writes the task and its TaskEvent;
 * the transaction flushes them.
 */
export async function changeTask<T>(
  root: EntityManager,
  actor: Actor,
  taskId: string,
  change: (em: EntityManager, task: TaskInScope['task'], by: User | null, scoped: TaskInScope) => Promise<T>,
  options: ChangeOptions = {},
): Promise<T> {
  return root.fork().transactional(async (em) => {
    if (options.lockJurisdiction && isUuid(taskId)) {
      const [row] = await em.execute<{ name: string }[]>('select j.name from task t join jurisdiction j on j.id = t.jurisdiction_id where t.id = ?', [taskId]);
      if (row) await lockJurisdiction(em, row.name);
    }
    const scoped = await taskInScope(em, actor, taskId, { lock: true });
    const { task } = scoped;
    assertWritable(task, options.ifMatch);
    const seen = task.version;
    const result = await change(em, task, actor ? em.getReference(User, actor.id) : null, scoped);
    await em.flush();
    // a change of the task's departments leaves its row as it was: move the ETag all the same
    if (task.version === seen) await em.execute('update task set version = version + 1 where id = ?', [task.id]);
    return result;
  });
}

/** Deleting, splitting and merging reshape a plan under review; a live task keeps its shape (its history and reports refer to it). */
export function assertDraft(task: TaskInScope['task'], what: string): void {
  if (!task.draft) throw DomainError.conflict(`只有草稿方案中的任务可以${what}；已发布的任务请通过修订方案处理`, { reason: 'not_draft' });
}

/** Every coordinator change of a task says why: the reason is kept in the task's history. */
export function reasonProblems(reason: unknown): FieldProblem[] {
  return typeof reason === 'string' && reason.trim() ? [] : [{ field: 'reason', message: '请填写理由（记入任务历史）' }];
}
