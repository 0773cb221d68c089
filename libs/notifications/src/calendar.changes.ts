import { Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';

export interface CalendarChange {
  actorId: string;
  year: number;
  source: 'api' | 'ics';
  before: { holidays: string[]; workdays: string[] } | null;
  after: { holidays: string[]; workdays: string[] };
}

const logger = new Logger('calendar');

/**
 * The one place a calendar change is recorded, called inside the change's transaction (`em`).
 * Today it writes a structured log line; at merge it is routed to the audit log (libs/audit),
 * which is why it takes the transaction's entity manager.
 */
export async function recordCalendarChange(_em: EntityManager, change: CalendarChange): Promise<void> {
  logger.log({ msg: 'calendar changed', event: 'calendar.year.put', ...change });
}
