import type { Opt } from '@mikro-orm/core';
import { Check, Entity, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Jurisdiction } from './jurisdiction.entity';

/** A jurisdiction's reminder and escalation rules; a null column means the built-in default. */
@Entity({ tableName: 'notification_settings' })
@Check({ name: 'notification_settings_report_cycle_day_check', expression: 'report_cycle_day >= 1 and report_cycle_day <= 28' })
@Check({ name: 'notification_settings_summary_time_check', expression: "summary_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'" })
export class NotificationSettings {
  @ManyToOne(() => Jurisdiction, { primary: true, deleteRule: 'no action', updateRule: 'no action' })
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
