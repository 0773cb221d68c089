import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '@duban/clock';
import { DomainError, type FieldProblem, isLocalDate, isUuid, statusForAssignments, TASK_KINDS, type TaskField, type TaskKind, type TaskStatus } from '@duban/domain';
import type { Page } from '@duban/http';
import { Assignment, Department, Jurisdiction, Task, TaskEvent } from '@duban/persistence';
import { type Actor, assignmentsOf, DepartmentDirectory, heldDepartment, jurisdictionScope, type TaskAssignments } from '@duban/plans';
import { taskInScope } from './task-access';
import { changeTask, reasonProblems } from './task-change';

export type WorklistReason = 'no_lead' | 'collective';

export interface WorklistItem extends TaskAssignments {
  id: string;
  planId: string;
  planTitle: string;
  section: string;
  title: string;
  kind: TaskKind;
  deadline: string | null;
  status: TaskStatus;
  reasons: WorklistReason[];
}

export interface TaskEventView {
  id: string;
  type: TaskEvent['type'];
  at: Date;
  actor: { id: string; email: string } | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface SetAssignmentsInput {
  lead: string[];
  co?: string[];
  reason: string;
  /** The version the caller saw (`If-Match`). */
  ifMatch?: string;
}

export interface UpdateTaskInput {
  deadline?: string;
  title?: string;
  kind?: TaskKind;
  reason: string;
  /** The version the caller saw (`If-Match`). */
  ifMatch?: string;
}

/**
 * The coordinator's side of a task: the worklist of tasks nobody real holds, setting who leads
 * and who helps, editing its deadline, title and kind (`PATCH /api/tasks/{id}`). Every change writes a TaskEvent (who, when, before,
 * after, why) in the same transaction.
 */
@Injectable()
export class TaskAssignmentService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  /** Open tasks with no real lead, or held (lead or co) by a collective such as 各市人民政府. */
  async worklist(actor: Actor, query: { planId?: string; page?: number; pageSize?: number } = {}): Promise<Page<WorklistItem>> {
    const em = this.em.fork();
    const scope = await jurisdictionScope(em, actor);
    const page = Math.max(1, query.page ?? 1);
    const pageSize = Math.min(500, Math.max(1, query.pageSize ?? 100));
    const rows = await em.execute<{ id: string; total: string }[]>(
      `select t.id, count(*) over () as total
         from task t join plan p on p.id = t.plan_id
        where t.removed_at is null and t.status <> 'completed' and not t.draft
          and (?::uuid is null or t.jurisdiction_id = ?::uuid)
          and (?::uuid is null or t.plan_id = ?::uuid)
          and (not exists (select 1 from assignment a join department d on d.id = a.department_id
                            where a.task_id = t.id and a.role = 'lead' and not d.is_collective)
               or exists (select 1 from assignment a join department d on d.id = a.department_id
                           where a.task_id = t.id and d.is_collective))
        order by p.created_at, t.position
        limit ? offset ?`,
      [scope, scope, query.planId ?? null, query.planId ?? null, pageSize, (page - 1) * pageSize],
    );
    const tasks = await em.find(Task, { id: { $in: rows.map((r) => r.id) } }, { populate: ['keyArea', 'plan'] });
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const assignments = await assignmentsOf(em, tasks.map((t) => t.id));
    const items = rows.map(({ id }) => {
      const task = byId.get(id)!;
      const held = assignments.get(id) ?? { lead: [], co: [] };
      const reasons: WorklistReason[] = [];
      if (!held.lead.some((d) => !d.isCollective)) reasons.push('no_lead');
      if ([...held.lead, ...held.co].some((d) => d.isCollective)) reasons.push('collective');
      return {
        id,
        planId: task.plan.id,
        planTitle: task.plan.title,
        section: task.keyArea.title,
        title: task.title,
        kind: task.kind,
        deadline: task.deadline ?? null,
        status: task.status,
        ...held,
        reasons,
      };
    });
    return { items, total: Number(rows[0]?.total ?? 0), page, pageSize };
  }

  /**
   * Replaces who leads and who helps; only real departments of the task's jurisdiction. Each
   * entry is a department id or a name; a name resolves as in an import (aliases, short forms,
   * merges) and one never seen becomes a new department.
   */
  async setAssignments(actor: Actor, taskId: string, input: SetAssignmentsInput): Promise<TaskAssignments & { taskId: string; status: TaskStatus }> {
    const lead = (input.lead ?? []).map((r) => (typeof r === 'string' ? r.trim() : r));
    const co = (input.co ?? []).map((r) => (typeof r === 'string' ? r.trim() : r));
    const problems: FieldProblem[] = [...reasonProblems(input.reason)];
    if (!lead.length) problems.push({ field: 'lead', message: 'name at least one lead department' });
    for (const [field, refs] of [['lead', lead], ['co', co]] as const) {
      if (refs.some((r) => typeof r !== 'string' || !r || r.length > 200)) problems.push({ field, message: 'each department is an id or a name of at most 200 characters' });
      if (new Set(refs).size !== refs.length) problems.push({ field, message: 'a department is listed twice' });
    }
    if (lead.some((id) => co.includes(id))) problems.push({ field: 'co', message: 'a department cannot both lead and help' });
    if (problems.length) throw DomainError.invalid('the assignment is not valid', problems);
    const names = [...lead, ...co].filter((r) => !isUuid(r));

    return changeTask(this.em, actor, taskId, async (em, task, by) => {
      const departments = await em.find(Department, { id: { $in: [...lead, ...co].filter(isUuid) } });
      const found = new Map(departments.map((d) => [d.id, d]));
      if (names.length) {
        const directory = await DepartmentDirectory.load(em, await em.findOneOrFail(Jurisdiction, task.jurisdiction.id));
        for (const name of names) found.set(name, directory.resolve(name));
      }
      for (const [field, refs] of [['lead', lead], ['co', co]] as const) {
        for (const id of refs) {
          const d = found.get(id);
          if (!d || d.jurisdiction.id !== task.jurisdiction.id) problems.push({ field, message: `department ${id} does not exist in this jurisdiction` });
          else if (d.mergedInto) problems.push({ field, message: `${d.name} was merged into department ${d.mergedInto.id}; assign that one` });
          else if (d.isCollective) problems.push({ field, message: `${d.name} stands for many bodies; name the real departments` });
        }
      }
      const chosen = [...lead, ...co].map((r) => found.get(r)?.id);
      if (new Set(chosen).size !== chosen.length) problems.push({ field: 'co', message: 'a department is listed twice (by id and by name)' });
      if (problems.length) throw DomainError.invalid('the assignment is not valid', problems);

      const before = (await assignmentsOf(em, [task.id])).get(task.id) ?? { lead: [], co: [] };
      await em.nativeDelete(Assignment, { task });
      const wanted = [...lead.map((id, position) => ({ role: 'lead' as const, id, position })), ...co.map((id, position) => ({ role: 'co' as const, id, position }))];
      for (const w of wanted) em.create(Assignment, { task, department: found.get(w.id)!, role: w.role, position: w.position });
      task.status = statusForAssignments(task.status, wanted.map((w) => ({ role: w.role, department: found.get(w.id)! })));
      const after = { lead: lead.map((id) => heldDepartment(found.get(id)!)), co: co.map((id) => heldDepartment(found.get(id)!)) };
      em.create(TaskEvent, { task, actor: by, type: 'assignments', before, after, reason: input.reason.trim(), at: this.clock.now() });
      return { taskId: task.id, status: task.status, ...after };
    }, { lockJurisdiction: names.length > 0, ifMatch: input.ifMatch });
  }

  /** Deadline, title and kind; each field that changes gets its own history row (type = the field). */
  async update(actor: Actor, taskId: string, input: UpdateTaskInput): Promise<{ id: string; title: string; kind: TaskKind; deadline: string | null }> {
    const problems = reasonProblems(input.reason);
    const title = typeof input.title === 'string' ? input.title.trim() : input.title;
    if (input.deadline === undefined && title === undefined && input.kind === undefined) problems.push({ field: 'deadline', message: 'change at least one of deadline, title, kind' });
    if (input.deadline !== undefined && (typeof input.deadline !== 'string' || !isLocalDate(input.deadline))) problems.push({ field: 'deadline', message: 'must be a date as YYYY-MM-DD' });
    if (title !== undefined && (typeof title !== 'string' || !title || title.length > 500)) problems.push({ field: 'title', message: 'must be 1 to 500 characters' });
    if (input.kind !== undefined && !(TASK_KINDS as readonly string[]).includes(input.kind)) problems.push({ field: 'kind', message: `must be one of ${TASK_KINDS.join(', ')}` });
    if (problems.length) throw DomainError.invalid('the task change is not valid', problems);
    return changeTask(this.em, actor, taskId, async (em, task, by) => {
      const wanted = { deadline: input.deadline, title, kind: input.kind };
      for (const field of ['deadline', 'title', 'kind'] satisfies TaskField[]) {
        const value = wanted[field];
        if (value === undefined || (task[field] ?? null) === value) continue;
        em.create(TaskEvent, { task, actor: by, type: field, before: { [field]: task[field] ?? null }, after: { [field]: value }, reason: input.reason.trim(), at: this.clock.now() });
        Object.assign(task, { [field]: value });
      }
      return { id: task.id, title: task.title, kind: task.kind, deadline: task.deadline ?? null };
    }, { ifMatch: input.ifMatch });
  }

  /** Newest first. A department user sees the history of the tasks its department holds. */
  async history(actor: Actor, taskId: string): Promise<TaskEventView[]> {
    const em = this.em.fork();
    const { task } = await taskInScope(em, actor, taskId);
    const events = await em.find(TaskEvent, { task }, { populate: ['actor'], orderBy: { at: 'desc', id: 'asc' } });
    return events.map((e) => ({
      id: e.id,
      type: e.type,
      at: e.at,
      actor: e.actor ? { id: e.actor.id, email: e.actor.email } : null,
      before: e.before ?? null,
      after: e.after ?? null,
      reason: e.reason ?? null,
    }));
  }
}
