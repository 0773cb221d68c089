import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { escapeHtml } from '@duban/domain';
import { CalendarGaps, calendarGapWarning } from './calendar.gaps';
import { Outbox } from './outbox';

/**
 * With the nightly summaries, the admins hear once a night (key `calendar-gap:{date}`) that open
 * tasks have deadlines in a year without a stored 放假/调休 arrangement.
 */
@Injectable()
export class CalendarWatch {
  private readonly logger = new Logger('calendar');

  constructor(
    private readonly em: EntityManager,
    private readonly calendar: CalendarGaps,
    private readonly outbox: Outbox,
  ) {}

  async notifyAdmins(localDate: string): Promise<boolean> {
    const years = await this.calendar.uncoveredYears();
    if (!years.length) return false;
    const admins = (await this.em.execute<Array<{ email: string }>>(`select email from app_user where role = 'admin' and not disabled order by email`)).map((r) => r.email);
    this.logger.warn(calendarGapWarning(years));
    if (!admins.length) return false;
    const text = `${calendarGapWarning(years)}。`;
    const written = await this.outbox.write([
      { key: `calendar-gap:${localDate}`, kind: 'summary', recipients: admins, content: { subject: `【督办提醒】${years.join('、')}年节假日安排尚未录入`, text, html: `<p>${escapeHtml(text)}</p>` } },
    ]);
    await this.outbox.enqueue(written.map((r) => r.id));
    return written.length > 0;
  }
}
