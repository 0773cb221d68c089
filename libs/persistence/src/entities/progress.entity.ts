import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { TaskEventType } from '@duban/domain';
import { Department } from './department.entity';
import { Task } from './task.entity';
import { User } from './user.entity';

/** Append-only (a database trigger refuses updates and deletes). */
@Entity({ tableName: 'progress_report' })
export class ProgressReport {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Task)
  task!: Task;

  @ManyToOne(() => Department)
  department!: Department;

  @ManyToOne(() => User, { nullable: true })
  author?: User | null;

  @Property({ type: 'int' })
  percent!: number;

  @Property({ type: 'text' })
  summary!: string;

  @Property({ type: 'text', nullable: true })
  nextSteps?: string | null;

  @Property({ type: 'text[]' })
  evidenceUrls: Opt<string[]> = [];

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}

/** One audited change of a task (append-only): who, when, before, after, why. */
@Entity({ tableName: 'task_event' })
export class TaskEvent {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Task)
  task!: Task;

  @ManyToOne(() => User, { nullable: true })
  actor?: User | null;

  @Property({ type: 'text' })
  type!: TaskEventType;

  @Property({ type: 'json', nullable: true })
  before?: unknown;

  @Property({ type: 'json', nullable: true })
  after?: unknown;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Property({ type: 'datetime' })
  at: Opt<Date> = new Date();
}
