import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { createUser, type NewUser } from '@duban/auth';
import { Assignment, Department, Jurisdiction, KeyArea, Plan, Task } from '@duban/persistence';
import type { TaskKind } from '@duban/domain';

export const em = (app: INestApplication): EntityManager => app.get(MikroORM).em.fork();

export interface TaskSpec {
  title: string;
  deadline?: string | null;
  lead?: string[];
  co?: string[];
  kind?: TaskKind;
  keyArea?: string;
}

export interface SeededPlan {
  plan: Plan;
  jurisdiction: Jurisdiction;
  departments: Record<string, Department>;
  tasks: Record<string, Task>;
}

/**
 * A jurisdiction (found or created), one plan with its key areas, tasks and the departments they
 * name, written straight through the EntityManager: data for tests that are not about importing.
 */
export async function seedPlan(app: INestApplication, jurisdictionName: string, tasks: TaskSpec[], title = `${jurisdictionName}测试方案`): Promise<SeededPlan> {
  const m = em(app);
  const jurisdiction = (await m.findOne(Jurisdiction, { name: jurisdictionName })) ?? m.create(Jurisdiction, { name: jurisdictionName });
  const plan = m.create(Plan, { jurisdiction, title, sourceText: title, sourceSha256: createHash('sha256').update(`${title}${Math.random()}`).digest('hex') });
  const departments: Record<string, Department> = {};
  for (const d of await m.find(Department, { jurisdiction })) departments[d.name] = d;
  const department = (name: string) => (departments[name] ??= m.create(Department, { jurisdiction, name, nameKey: name, isCollective: name.startsWith('各') }));
  const keyAreas = new Map<string, KeyArea>();
  const byTitle: Record<string, Task> = {};
  tasks.forEach((spec, position) => {
    const areaTitle = spec.keyArea ?? '重点任务';
    const keyArea = keyAreas.get(areaTitle) ?? m.create(KeyArea, { plan, position: keyAreas.size + 1, title: areaTitle });
    keyAreas.set(areaTitle, keyArea);
    const lead = spec.lead ?? [];
    const task = m.create(Task, {
      plan,
      keyArea,
      jurisdiction,
      position: position + 1,
      kind: spec.kind ?? 'task',
      title: spec.title,
      text: spec.title,
      deadline: spec.deadline ?? null,
      status: lead.length ? 'assigned' : 'unassigned',
    });
    for (const [role, names] of [['lead', lead], ['co', spec.co ?? []]] as const) {
      names.forEach((name, i) => m.create(Assignment, { task, department: department(name), role, position: i }));
    }
    byTitle[spec.title] = task;
  });
  await m.flush();
  return { plan, jurisdiction, departments, tasks: byTitle };
}

export async function seedUser(app: INestApplication, user: NewUser): Promise<void> {
  await createUser(em(app), user);
}
