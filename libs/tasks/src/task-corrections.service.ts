import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '@duban/clock';
import { DomainError, isUuid, statusForAssignments } from '@duban/domain';
import { Assignment, type AssignmentRole, Department, Task, TaskEvent, User } from '@duban/persistence';
import { type Actor, lockJurisdiction } from '@duban/plans';
import { assertWritable, taskInScope } from './task-access';
import { assertDraft, changeTask, reasonProblems } from './task-change';

export interface TaskPart {
  title: string;
  text?: string;
}

export interface TaskRefView {
  id: string;
  title: string;
}

/**
 * Reshaping a draft plan under review: delete a task, split one into two, merge two into one.
 * Removed tasks are kept (removed_at) with their history, like tasks a revision drops; every
 * step writes TaskEvents in the same transaction, under the jurisdiction's import lock so a
 * publish sees the plan either before or after it.
 */
@Injectable()
export class TaskCorrectionService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async remove(actor: Actor, taskId: string, reason?: string): Promise<void> {
    await changeTask(this.em, actor, taskId, async (em, task, by) => {
      assertDraft(task, '删除');
      task.removedAt = this.clock.now();
      em.create(TaskEvent, { task, actor: by, type: 'deleted', before: { title: task.title }, after: null, reason: reason?.trim() || '审核草稿时删除', at: this.clock.now() });
    }, { lockJurisdiction: true });
  }

  /** The task keeps the first part (and its id); a new task right after it takes the second, with the same kind, deadline and departments. */
  async split(actor: Actor, taskId: string, input: { parts: TaskPart[]; reason: string }): Promise<{ tasks: TaskRefView[] }> {
    const problems = reasonProblems(input.reason);
    const parts = (Array.isArray(input.parts) ? input.parts : []).map((p) => ({ title: p?.title?.trim() ?? '', text: (p?.text ?? p?.title ?? '').trim() }));
    if (parts.length !== 2) problems.push({ field: 'parts', message: '须恰好拆分为两项任务' });
    parts.forEach((p, i) => !p.title && problems.push({ field: `parts.${i}.title`, message: '不能为空' }));
    if (problems.length) throw DomainError.invalid('拆分有误', problems);
    return changeTask(this.em, actor, taskId, async (em, task, by) => {
      assertDraft(task, '拆分');
      const [first, second] = parts;
      const now = this.clock.now();
      await em.execute('update task set position = position + 1 where plan_id = ? and position > ?', [task.plan.id, task.position]);
      const twin = em.create(Task, {
        plan: task.plan,
        keyArea: task.keyArea,
        jurisdiction: task.jurisdiction,
        position: task.position + 1,
        kind: task.kind,
        title: second.title,
        text: second.text,
        deadline: task.deadline ?? null,
        status: task.status,
        draft: true,
      });
      for (const a of await em.find(Assignment, { task })) em.create(Assignment, { task: twin, department: a.department, role: a.role, position: a.position });
      const before = { title: task.title, text: task.text };
      em.assign(task, { title: first.title, text: first.text });
      em.create(TaskEvent, { task, actor: by, type: 'split', before, after: { title: first.title, text: first.text, newTaskId: twin.id }, reason: input.reason.trim(), at: now });
      em.create(TaskEvent, { task: twin, actor: by, type: 'split', before: { fromTaskId: task.id, ...before }, after: { title: second.title, text: second.text }, reason: input.reason.trim(), at: now });
      return { tasks: [{ id: task.id, title: task.title }, { id: twin.id, title: twin.title }] };
    }, { lockJurisdiction: true });
  }

  /**
   * `otherId` is merged into `taskId`: the texts are joined, every department that leads either
   * task leads, the others help, the earlier deadline holds; the other task is removed.
   */
  async merge(actor: Actor, taskId: string, input: { taskId: string; title?: string; reason: string }): Promise<TaskRefView & { mergedTaskId: string }> {
    const problems = reasonProblems(input.reason);
    const otherId = input.taskId;
    if (!isUuid(otherId)) problems.push({ field: 'taskId', message: '须为任务编号' });
    else if (otherId === taskId) problems.push({ field: 'taskId', message: '任务不能合并到自身' });
    if (input.title !== undefined && !input.title?.trim()) problems.push({ field: 'title', message: '不能为空' });
    if (problems.length) throw DomainError.invalid('合并有误', problems);
    if (!isUuid(taskId)) throw DomainError.notFound('task', taskId);

    return this.em.fork().transactional(async (em) => {
      const [row] = await em.execute<{ name: string }[]>('select j.name from task t join jurisdiction j on j.id = t.jurisdiction_id where t.id = ?', [taskId]);
      if (row) await lockJurisdiction(em, row.name);
      // both rows, in id order, so two merges of the same pair queue instead of deadlocking
      const rows = await em.find(Task, { id: { $in: [taskId, otherId] } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
      const other = rows.find((t) => t.id === otherId);
      const { task } = await taskInScope(em, actor, taskId);
      if (!other) throw DomainError.invalid('合并有误', [{ field: 'taskId', message: `任务 ${otherId} 不存在` }]);
      if (other.plan.id !== task.plan.id) throw DomainError.invalid('合并有误', [{ field: 'taskId', message: '两项任务须属于同一草稿方案' }]);
      for (const t of [task, other]) {
        assertWritable(t, undefined);
        assertDraft(t, '合并');
      }
      const by = actor ? em.getReference(User, actor.id) : null;
      const now = this.clock.now();
      const held = await em.find(Assignment, { task: { $in: [task.id, other.id] } }, { populate: ['department'], orderBy: { position: 'asc' } });
      const mine = held.filter((a) => a.task.id === task.id);
      const theirs = held.filter((a) => a.task.id === other.id);
      const wanted = mergedAssignments([...mine, ...theirs]);
      const before = { title: task.title, text: task.text, deadline: task.deadline ?? null, assignments: mine.map((a) => ({ role: a.role, departmentId: a.department.id })) };
      const deadlines = [task.deadline, other.deadline].filter((d): d is string => !!d).sort();

      await em.nativeDelete(Assignment, { task });
      for (const w of wanted) em.create(Assignment, { task, department: w.department, role: w.role, position: w.position });
      em.assign(task, { title: input.title?.trim() || task.title, text: `${task.text}\n${other.text}`, deadline: deadlines[0] ?? null, status: statusForAssignments(task.status, wanted) });
      task.unread = [...task.unread, ...other.unread];
      other.removedAt = now;
      const after = { title: task.title, text: task.text, deadline: task.deadline ?? null, assignments: wanted.map((w) => ({ role: w.role, departmentId: w.department.id })), mergedTaskId: other.id };
      em.create(TaskEvent, { task, actor: by, type: 'merged', before, after, reason: input.reason.trim(), at: now });
      em.create(TaskEvent, { task: other, actor: by, type: 'merged_into', before: { title: other.title }, after: { taskId: task.id }, reason: input.reason.trim(), at: now });
      return { id: task.id, title: task.title, mergedTaskId: other.id };
    });
  }
}

/** A department that leads either task leads; the rest help; each department once, in order. */
function mergedAssignments(rows: Assignment[]): { role: AssignmentRole; department: Department; position: number }[] {
  const leads = new Map<string, Department>();
  const cos = new Map<string, Department>();
  for (const a of rows) if (a.role === 'lead') leads.set(a.department.id, a.department);
  for (const a of rows) if (a.role === 'co' && !leads.has(a.department.id)) cos.set(a.department.id, a.department);
  return [...[...leads.values()].map((department, position) => ({ role: 'lead' as const, department, position })), ...[...cos.values()].map((department, position) => ({ role: 'co' as const, department, position }))];
}
