import type { EntityManager } from '@mikro-orm/postgresql';
import { departmentFindings, type Finding, planFindings, type ReviewedTask } from '@duban/plan-parser';
import type { Plan } from '@duban/persistence';

export interface TaskFinding extends Finding {
  taskId: string;
}

/**
 * The review findings of a plan as its tasks stand now (a correction makes its finding go away):
 * the parser's own checks over the stored tasks, plus the names the jurisdiction's directory
 * did not know before this plan. A department counts as known once it holds a published task,
 * has a user or has mail addresses; a jurisdiction that knows none yet (its first plan) gets no
 * such findings, since every name would be one.
 */
export async function planFindingsOf(em: EntityManager, plan: Plan): Promise<TaskFinding[]> {
  // plain rows, no entities: a plan of a thousand tasks has several thousand assignments
  const tasks = await em.execute<{ id: string; title: string; text: string; deadline: string | null; unread: string[] }[]>(
    `select t.id, t.title, t.text, to_char(t.deadline, 'YYYY-MM-DD') as deadline, t.unread
       from task t where t.plan_id = ? and t.removed_at is null order by t.position, t.id`,
    [plan.id],
  );
  const assignments = await em.execute<{ taskId: string; role: 'lead' | 'co'; name: string; isCollective: boolean }[]>(
    `select a.task_id as "taskId", a.role, d.name, d.is_collective as "isCollective"
       from task t join assignment a on a.task_id = t.id join department d on d.id = a.department_id
      where t.plan_id = ? and t.removed_at is null
      order by a.position`,
    [plan.id],
  );
  // 各有关部门 and the like are the worklist's business, not a directory question
  const collective = new Set(assignments.filter((a) => a.isCollective).map((a) => a.name));
  const byTask = new Map<string, typeof assignments>();
  for (const a of assignments) byTask.set(a.taskId, [...(byTask.get(a.taskId) ?? []), a]);
  const reviewed: ReviewedTask[] = tasks.map((t) => {
    const mine = byTask.get(t.id) ?? [];
    const names = (role: string) => mine.filter((a) => a.role === role).map((a) => a.name);
    return { title: t.title, text: t.text, deadline: t.deadline, lead: names('lead'), co: names('co'), unread: t.unread ?? [] };
  });
  const known = await knownDepartments(em, plan.jurisdiction.id);
  const findings = [
    ...planFindings({ plan: { issuedOn: plan.issuedOn ?? null }, tasks: reviewed }),
    ...(known.size ? departmentFindings(reviewed, { isKnown: (name) => known.has(name) || collective.has(name), names: [...known] }) : []),
  ];
  return findings
    .sort((a, b) => a.taskIndex - b.taskIndex)
    .map((f) => ({ taskId: tasks[f.taskIndex].id, ...f, ...(f.code === 'duplicate_text' && f.value ? { value: tasks[Number(f.value)].id } : {}) }));
}

async function knownDepartments(em: EntityManager, jurisdictionId: string): Promise<Set<string>> {
  const rows = await em.execute<{ name: string }[]>(
    `select d.name from department d
      where d.jurisdiction_id = ? and d.merged_into_id is null and not d.is_collective
        and (cardinality(d.emails) > 0
             or exists (select 1 from app_user u where u.department_id = d.id)
             or exists (select 1 from assignment a join task t on t.id = a.task_id where a.department_id = d.id and not t.draft))`,
    [jurisdictionId],
  );
  return new Set(rows.map((r) => r.name));
}
