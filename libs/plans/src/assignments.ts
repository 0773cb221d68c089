import type { EntityManager } from '@mikro-orm/postgresql';
import { Assignment, type Department } from '@duban/persistence';

/** A department as a list shows it. */
export interface DepartmentRef {
  id: string;
  name: string;
}

/** A department holding a task; a collective (各有关部门) is not a real holder. */
export interface HeldDepartment extends DepartmentRef {
  isCollective: boolean;
}

/** Who leads (牵头) and who helps (配合), each in the plan's order. */
export interface TaskAssignments {
  lead: HeldDepartment[];
  co: HeldDepartment[];
}

/** The assignments an import (or a coordinator) wrote, per task id. */
export async function assignmentsOf(em: EntityManager, taskIds: string[]): Promise<Map<string, TaskAssignments>> {
  const rows = taskIds.length ? await em.find(Assignment, { task: { $in: taskIds } }, { populate: ['department'], orderBy: { position: 'asc' } }) : [];
  const map = new Map<string, TaskAssignments>();
  for (const a of rows) {
    const held = map.get(a.task.id) ?? { lead: [], co: [] };
    held[a.role].push(heldDepartment(a.department));
    map.set(a.task.id, held);
  }
  return map;
}

export function heldDepartment(d: Department): HeldDepartment {
  return { id: d.id, name: d.name, isCollective: d.isCollective };
}
