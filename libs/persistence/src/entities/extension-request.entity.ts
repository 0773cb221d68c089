import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Department } from './department.entity';
import { Task } from './task.entity';
import { User } from './user.entity';

export type ExtensionStatus = 'pending' | 'approved' | 'rejected';

/** 申请延期: a lead department asks for a later deadline; a coordinator decides. At most one pending per task. */
@Entity({ tableName: 'extension_request' })
@Index({ name: 'extension_request_task_idx', properties: ['task', 'createdAt'] })
@Unique({ name: 'extension_request_one_pending', properties: ['task'], where: "status = 'pending'" })
@Check({ name: 'extension_request_check', expression: 'requested_deadline > current_deadline' })
@Check({ name: 'extension_request_status_check', expression: "status in ('pending', 'approved', 'rejected')" })
export class ExtensionRequest {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Task)
  task!: Task;

  @ManyToOne(() => Department)
  department!: Department;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'no action' })
  requestedBy?: User | null;

  @Property({ type: 'text' })
  reason!: string;

  /** The deadline when asked (YYYY-MM-DD); it stays here and in the task history after a move. */
  @Property({ type: 'date' })
  currentDeadline!: string;

  @Property({ type: 'date' })
  requestedDeadline!: string;

  @Property({ type: 'text' })
  status: Opt<ExtensionStatus> = 'pending';

  @ManyToOne(() => User, { nullable: true, deleteRule: 'no action' })
  decidedBy?: User | null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  decisionReason?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
