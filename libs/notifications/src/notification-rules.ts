import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_LADDER, DEFAULT_REMINDER_OFFSETS, DEFAULT_REPORT_CYCLE_DAY, type LadderStep, parseLadder, validateReminderOffsets } from '@duban/domain';

export interface JurisdictionRules {
  reminderOffsets: number[];
  reportCycleDay: number;
  ladder: LadderStep[];
  summaryTime: string;
}

export const DEFAULT_SUMMARY_TIME = '20:00';

export const DEFAULT_RULES: JurisdictionRules = {
  reminderOffsets: [...DEFAULT_REMINDER_OFFSETS],
  reportCycleDay: DEFAULT_REPORT_CYCLE_DAY,
  ladder: [...DEFAULT_LADDER],
  summaryTime: DEFAULT_SUMMARY_TIME,
};

export interface SettingsRow {
  jurisdiction_id: string;
  reminder_offsets: number[] | null;
  report_cycle_day: number | null;
  ladder: unknown;
  summary_time: string | null;
}

/** Per-jurisdiction settings over the defaults. Only customised jurisdictions have a row. */
@Injectable()
export class NotificationRules {
  private readonly logger = new Logger('notifications');

  constructor(private readonly em: EntityManager) {}

  async customised(): Promise<Map<string, JurisdictionRules>> {
    const rows = await this.em.execute<SettingsRow[]>('select jurisdiction_id, reminder_offsets, report_cycle_day, ladder, summary_time from notification_settings');
    return new Map(rows.map((r) => [r.jurisdiction_id, this.resolve(r)]));
  }

  async forJurisdiction(jurisdictionId: string): Promise<JurisdictionRules> {
    const [row] = await this.em.execute<SettingsRow[]>('select jurisdiction_id, reminder_offsets, report_cycle_day, ladder, summary_time from notification_settings where jurisdiction_id = ?', [jurisdictionId]);
    return row ? this.resolve(row) : DEFAULT_RULES;
  }

  /** A stored row over the defaults (a column that is null, or unreadable, gets the default). */
  resolve(row: SettingsRow): JurisdictionRules {
    const offsets = row.reminder_offsets ? validateReminderOffsets(row.reminder_offsets) : DEFAULT_RULES.reminderOffsets;
    let ladder = DEFAULT_RULES.ladder;
    if (row.ladder != null) {
      try {
        ladder = parseLadder(row.ladder);
      } catch (error) {
        // one jurisdiction's bad row must not stop the sweep for the others: it gets the defaults
        this.logger.error(`jurisdiction ${row.jurisdiction_id}: stored ladder is invalid, using the default (${String(error)})`);
      }
    }
    return {
      reminderOffsets: typeof offsets === 'string' ? DEFAULT_RULES.reminderOffsets : offsets,
      reportCycleDay: row.report_cycle_day ?? DEFAULT_RULES.reportCycleDay,
      ladder,
      summaryTime: row.summary_time ?? DEFAULT_RULES.summaryTime,
    };
  }
}
