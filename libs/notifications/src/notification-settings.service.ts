import { Injectable, Logger } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditLog } from '@duban/audit';
import { assertJurisdiction, type AuthUser } from '@duban/auth';
import { DomainError, parseLadder, isUuid } from '@duban/domain';
import { Jurisdiction, NotificationSettings } from '@duban/persistence';
import type { NotificationSettingsView, UpdateNotificationSettingsDto } from './notification-settings.dto';
import { NotificationRules } from './notification-rules';

type Field = NotificationSettingsView['defaults'][number];

/** `GET|PATCH /api/jurisdictions/{id}/notification-settings`: the effective settings, defaults filled in. */
@Injectable()
export class NotificationSettingsService {
  private readonly logger = new Logger('notifications');

  constructor(
    private readonly em: EntityManager,
    private readonly rules: NotificationRules,
    private readonly audit: AuditLog,
  ) {}

  async read(jurisdictionId: string, user: AuthUser): Promise<NotificationSettingsView> {
    await this.authorize(jurisdictionId, user);
    return this.view(jurisdictionId, await this.em.findOne(NotificationSettings, { jurisdiction: jurisdictionId }));
  }

  /** Absent fields stay as they are; `null` puts a field back to the default. */
  async update(jurisdictionId: string, user: AuthUser, patch: UpdateNotificationSettingsDto): Promise<NotificationSettingsView> {
    await this.authorize(jurisdictionId, user);
    const changed = (Object.keys(patch) as Field[]).filter((k) => patch[k] !== undefined);
    const saved = await this.em.transactional(async (em) => {
      // one row per jurisdiction: create it if need be, then lock it so concurrent PATCHes apply one after the other
      await em.execute('insert into notification_settings (jurisdiction_id) values (?) on conflict (jurisdiction_id) do nothing', [jurisdictionId]);
      const row = await em.findOneOrFail(NotificationSettings, { jurisdiction: jurisdictionId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      const before = { reminderOffsets: row.reminderOffsets, reportCycleDay: row.reportCycleDay, ladder: row.ladder, summaryTime: row.summaryTime };
      if (patch.reminderOffsets !== undefined) row.reminderOffsets = patch.reminderOffsets === null ? null : [...patch.reminderOffsets].sort((a, b) => b - a);
      if (patch.reportCycleDay !== undefined) row.reportCycleDay = patch.reportCycleDay;
      // already checked at the edge; parsed again so what is stored is the normalised form the sweep reads
      if (patch.ladder !== undefined) row.ladder = patch.ladder === null ? null : parseLadder(patch.ladder);
      if (patch.summaryTime !== undefined) row.summaryTime = patch.summaryTime;
      if (changed.length) row.updatedAt = new Date();
      await em.flush();
      const after = { reminderOffsets: row.reminderOffsets, reportCycleDay: row.reportCycleDay, ladder: row.ladder, summaryTime: row.summaryTime };
      if (changed.length) await this.audit.record({ actorId: user.id, actorRole: user.role, actorEmail: user.email, jurisdictionId, action: 'notification_settings.changed', targetType: 'jurisdiction', targetId: jurisdictionId, details: { fields: changed, before, after } }, em);
      return row;
    });
    if (changed.length) this.logger.log(`notification settings of jurisdiction ${jurisdictionId} changed by user ${user.id} (${user.role}): ${changed.join(', ')}`);
    return this.view(jurisdictionId, saved);
  }

  private async authorize(jurisdictionId: string, user: AuthUser): Promise<void> {
    if (!isUuid(jurisdictionId) || !(await this.em.count(Jurisdiction, { id: jurisdictionId }))) throw DomainError.notFound('jurisdiction', jurisdictionId);
    assertJurisdiction(user, jurisdictionId, '这不是您所在的地区');
  }

  private view(jurisdictionId: string, row: NotificationSettings | null): NotificationSettingsView {
    const rules = this.rules.resolve({
      jurisdiction_id: jurisdictionId,
      reminder_offsets: row?.reminderOffsets ?? null,
      report_cycle_day: row?.reportCycleDay ?? null,
      ladder: row?.ladder ?? null,
      summary_time: row?.summaryTime ?? null,
    });
    const defaults: Field[] = [];
    if (row?.reminderOffsets == null) defaults.push('reminderOffsets');
    if (row?.reportCycleDay == null) defaults.push('reportCycleDay');
    if (row?.ladder == null) defaults.push('ladder');
    if (row?.summaryTime == null) defaults.push('summaryTime');
    return {
      jurisdictionId,
      reminderOffsets: [...rules.reminderOffsets],
      reportCycleDay: rules.reportCycleDay,
      ladder: rules.ladder.map((s) => ({ ...s, notify: [...s.notify] })),
      summaryTime: rules.summaryTime,
      defaults,
    };
  }
}
