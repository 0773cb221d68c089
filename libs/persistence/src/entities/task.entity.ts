import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { TaskKind, TaskStatus } from '@duban/domain';
import { Department } from './department.entity';
import { Jurisdiction } from './jurisdiction.entity';
import { KeyArea, Plan } from './plan.entity';

export type AssignmentRole = 'lead' | 'co';

@Entity({ tableName: 'task' })
@Index({ name: 'task_plan_idx', properties: ['plan', 'position'] })
@Index({ name: 'task_jurisdiction_idx', properties: ['jurisdiction', 'status'] })
@Index({ name: 'task_open_deadline_idx', properties: ['deadline'], where: "removed_at is null and status <> 'completed'" })
@Index({ name: 'task_open_jurisdiction_deadline_idx', properties: ['jurisdiction', 'deadline'], where: "removed_at is null and status <> 'completed'" })
@Index({ name: 'task_escalated_idx', properties: ['jurisdiction'], where: 'escalation_level is not null' })
@Index({ name: 'task_draft_idx', properties: ['plan'], where: 'draft' })
// the list pages (Migration20261201200000_list_pages)
@Index({ name: 'task_listed_idx', properties: ['jurisdiction', 'keyArea', 'position', 'id'], include: ['status'], where: 'removed_at is null and not draft' })
@Index({ name: 'task_listed_open_idx', properties: ['jurisdiction', 'deadline'], where: "removed_at is null and not draft and status <> 'completed'" })
// the escalation ladder (Migration20261201300000_ladder_cost)
@Index({ name: 'task_ladder_idx', expression: "create index task_ladder_idx on task (jurisdiction_id, (coalesce(escalation_level, '')), deadline) where removed_at is null and status <> 'completed' and not draft" })
@Index({ name: 'task_escalated_closed_idx', properties: ['jurisdiction'], where: "escalation_level is not null and (removed_at is not null or status = 'completed')" })
@Check({ name: 'task_kind_check', expression: "kind in ('task', 'project', 'safeguard')" })
export class Task {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  /** The current version of the plan that holds the task; a revision moves matching tasks along. */
  @ManyToOne(() => Plan)
  plan!: Plan;

  @ManyToOne(() => KeyArea)
  keyArea!: KeyArea;

  @ManyToOne(() => Jurisdiction)
  jurisdiction!: Jurisdiction;

  @Property({ type: 'int' })
  position!: number;

  @Property({ type: 'text' })
  kind!: TaskKind;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  text!: string;

  /** A calendar date in the plan's time zone (YYYY-MM-DD), not an instant. */
  @Property({ type: 'date', nullable: true })
  deadline?: string | null;

  @Property({ type: 'text' })
  status: Opt<TaskStatus> = 'assigned';

  @Property({ type: 'text', nullable: true })
  escalationLevel?: string | null;

  /** Set when a revision of the plan dropped the task; its history stays. */
  @Property({ type: 'datetime', nullable: true })
  removedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  completedAt?: Date | null;

  /** The task belongs to a draft plan: coordinators only, never chased (mirrors plan.status). */
  @Property({ type: 'boolean' })
  draft: Opt<boolean> = false;

  /** Clauses of the item the parser could not read, for the coordinator's review. */
  @Property({ type: 'text[]', defaultRaw: `'{}'` })
  unread: Opt<string[]> = [];

  /** Optimistic concurrency: two clerks cannot silently overwrite each other. */
  @Property({ type: 'int', version: true })
  version: Opt<number> = 1;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

@Entity({ tableName: 'assignment' })
@Unique({ properties: ['task', 'department'] })
@Index({ name: 'assignment_department_idx', properties: ['department'] })
@Check({ name: 'assignment_role_check', expression: "role in ('lead', 'co')" })
export class Assignment {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Task)
  task!: Task;

  @ManyToOne(() => Department)
  department!: Department;

  @Property({ type: 'text' })
  role!: AssignmentRole;

  /** Document order of the department within its role. */
  @Property({ type: 'int' })
  position: Opt<number> = 0;
}
