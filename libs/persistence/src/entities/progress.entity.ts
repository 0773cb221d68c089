import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, Trigger } from '@mikro-orm/decorators/legacy';
import type { TaskEventType } from '@duban/domain';
import { Department } from './department.entity';
import { Task } from './task.entity';
import { User } from './user.entity';

/** Evidence is never changed or deleted: the migration's shared `duban_append_only()` refuses it. */
const APPEND_ONLY = (table: string): string =>
  `create trigger ${table}_append_only before update or delete on ${table} for each row execute function duban_append_only()`;

/** Append-only (a database trigger refuses updates and deletes). */
@Entity({ tableName: 'progress_report' })
@Index({ name: 'progress_report_task_idx', expression: 'create index progress_report_task_idx on progress_report (task_id, created_at desc)' })
@Check({ name: 'progress_report_percent_check', expression: 'percent >= 0 and percent <= 100' })
@Trigger({ name: 'progress_report_append_only', timing: 'before', events: ['update', 'delete'], expression: APPEND_ONLY('progress_report') })
export class ProgressReport {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Task)
  task!: Task;

  @ManyToOne(() => Department)
  department!: Department;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'no action' })
  author?: User | null;

  @Property({ type: 'int' })
  percent!: number;

  @Property({ type: 'text' })
  summary!: string;

  @Property({ type: 'text', nullable: true })
  nextSteps?: string | null;

  @Property({ type: 'text[]', defaultRaw: `'{}'` })
  evidenceUrls: Opt<string[]> = [];

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}

/** One audited change of a task (append-only): who, when, before, after, why. */
@Entity({ tableName: 'task_event' })
@Index({ name: 'task_event_task_idx', properties: ['task', 'at'] })
@Trigger({ name: 'task_event_append_only', timing: 'before', events: ['update', 'delete'], expression: APPEND_ONLY('task_event') })
// every role-bearing task action is copied into the audit log (Migration20261130500003_audit_task_events)
@Trigger({ name: 'task_event_audit', timing: 'after', events: ['insert'], expression: 'create trigger task_event_audit after insert on task_event for each row execute function audit_task_event()' })
export class TaskEvent {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Task)
  task!: Task;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'no action' })
  actor?: User | null;

  @Property({ type: 'text' })
  type!: TaskEventType;

  @Property({ type: 'json', nullable: true })
  before?: unknown;

  @Property({ type: 'json', nullable: true })
  after?: unknown;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  at: Opt<Date> = new Date();
}
