import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@duban/domain';
import { Task, User } from '@duban/persistence';
import { type Actor, assertInScope } from './access';
import { isUuid } from './inputs';
import { lockJurisdiction } from './locks';

export interface ChangeOptions {
  /**
   * Take the jurisdiction's import lock before the task's row lock: for changes that add or
   * remove tasks or departments, which must not interleave with an import or a publish (and
   * the same order as theirs, so the two never deadlock).
   */
  lockJurisdiction?: boolean;
}

/**
 * One coordinator change of one task, in its own transaction: the task row-locked so two
 * coordinators' changes queue instead of recording a stale "before", scope checked, a removed
 * task refused. `change` writes the task and its TaskEvent; the transaction flushes them.
 */
export async function changeTask<T>(
  root: EntityManager,
  actor: Actor,
  taskId: string,
  change: (em: EntityManager, task: Task, by: User | null) => Promise<T>,
  options: ChangeOptions = {},
): Promise<T> {
  if (!isUuid(taskId)) throw DomainError.notFound('task', taskId);
  return root.fork().transactional(async (em) => {
    if (options.lockJurisdiction) {
      const [row] = await em.execute<{ name: string }[]>('select j.name from task t join jurisdiction j on j.id = t.jurisdiction_id where t.id = ?', [taskId]);
      if (row) await lockJurisdiction(em, row.name);
    }
    const task = await em.findOne(Task, taskId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!task) throw DomainError.notFound('task', taskId);
    await assertInScope(em, actor, task.jurisdiction.id);
    if (task.removedAt) throw DomainError.conflict('the task was removed (dropped by a revision of its plan, or deleted or merged in review)');
    return change(em, task, actor ? em.getReference(User, actor.id) : null);
  });
}

/** Deleting, splitting and merging reshape a plan under review; a live task keeps its shape (its history and reports refer to it). */
export function assertDraft(task: Task, what: string): void {
  if (!task.draft) throw DomainError.conflict(`只有草稿方案中的任务可以${what}；已发布的任务请通过修订方案处理`, { reason: 'not_draft' });
}
