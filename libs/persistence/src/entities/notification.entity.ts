import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { JointMeeting } from './joint-meeting.entity';
import { Jurisdiction } from './jurisdiction.entity';
import { Task } from './task.entity';

/** A jurisdiction's reminder and escalation rules; a null column means the built-in default. */
@Entity({ tableName: 'notification_settings' })
export class NotificationSettings {
  @ManyToOne(() => Jurisdiction, { primary: true })
  jurisdiction!: Jurisdiction;

  /** Days before a deadline, e.g. [30, 7, 1]. */
  @Property({ type: 'int[]', nullable: true })
  reminderOffsets?: number[] | null;

  /** Day of the month (1–28) on which progress reports are asked for. */
  @Property({ type: 'int', nullable: true })
  reportCycleDay?: number | null;

  /** The escalation ladder as data (see `parseLadder` in @duban/domain). */
  @Property({ type: 'json', nullable: true })
  ladder?: unknown;

  /** HH:MM in TZ_PLANS. */
  @Property({ type: 'text', nullable: true })
  summaryTime?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Opt<Date> = new Date();
}

export type OutboxStatus = 'pending' | 'sending' | 'sent';

/**
 * One mail that must go out exactly once. The row, with its unique idempotency key, is written
 * in the same transaction as the state that caused it, before any SMTP traffic.
 */
@Entity({ tableName: 'mail_outbox' })
export class MailOutbox {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'text', unique: true })
  idempotencyKey!: string;

  @Property({ type: 'text' })
  kind!: 'reminder' | 'escalation' | 'summary';

  @Property({ type: 'text[]' })
  recipients!: string[];

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'text' })
  textBody!: string;

  @Property({ type: 'text' })
  htmlBody!: string;

  @Property({ type: 'text' })
  status: Opt<OutboxStatus> = 'pending';

  @Property({ type: 'int' })
  attempts: Opt<number> = 0;

  /** While `sending`, no other worker may claim the row before this instant. */
  @Property({ type: 'datetime', nullable: true })
  leaseUntil?: Date | null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  /** The request or job that wrote the mail; sent as the X-Duban-Correlation-Id header. */
  @Property({ type: 'text', nullable: true })
  correlationId?: string | null;
}

/** A task reached a ladder step against a given deadline (an extension starts a new climb). */
@Entity({ tableName: 'task_escalation' })
@Unique({ properties: ['task', 'level', 'deadline'] })
export class TaskEscalation {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Task)
  task!: Task;

  @Property({ type: 'text' })
  level!: string;

  @Property({ type: 'date' })
  deadline!: string;

  /** Who the step tells, copied from the ladder when it was reached. */
  @Property({ type: 'text[]' })
  notify!: string[];

  @Property({ type: 'date' })
  reachedOn!: string;

  /** Every notice of the step written (or nowhere to send it). */
  @Property({ type: 'datetime', nullable: true })
  noticedAt?: Date | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}

/** That a task was in a given mail: the task's reminder or notice stage is done for that recipient. */
@Entity({ tableName: 'notice_item' })
@Unique({ properties: ['task', 'kind', 'stage', 'recipient'] })
export class NoticeItem {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'text' })
  kind!: 'reminder' | 'report' | 'escalation';

  @ManyToOne(() => Task)
  task!: Task;

  /** `dept:<department id>` or `coord:<jurisdiction id>`. */
  @Property({ type: 'text' })
  recipient!: string;

  /** reminder `<deadline>/<offset>`, report `<YYYY-MM>`, escalation `<level>/<deadline>`. */
  @Property({ type: 'text' })
  stage!: string;

  @ManyToOne(() => MailOutbox)
  outbox!: MailOutbox;
}

/** The monthly progress-report reminders of a jurisdiction went out for a cycle (YYYY-MM). */
@Entity({ tableName: 'report_cycle_run' })
export class ReportCycleRun {
  @ManyToOne(() => Jurisdiction, { primary: true })
  jurisdiction!: Jurisdiction;

  @PrimaryKey({ type: 'text' })
  cycle!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}

/** The nightly summary of a joint meeting for one local date: at most one, however many workers run. */
@Entity({ tableName: 'summary_run' })
@Unique({ properties: ['jointMeeting', 'localDate'] })
export class SummaryRun {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => JointMeeting)
  jointMeeting!: JointMeeting;

  @Property({ type: 'date' })
  localDate!: string;

  @Property({ type: 'text' })
  outcome!: 'sent' | 'empty' | 'no_recipients';

  @ManyToOne(() => MailOutbox, { nullable: true })
  outbox?: MailOutbox | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
