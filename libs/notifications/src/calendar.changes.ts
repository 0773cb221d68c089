import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '@duban/audit';
import type { AuthUser } from '@duban/auth';

export interface CalendarChange {
  actor: AuthUser;
  year: number;
  source: 'api' | 'ics';
  before: { holidays: string[]; workdays: string[] } | null;
  after: { holidays: string[]; workdays: string[] };
}

/**
 * The one place a calendar change is recorded: an audit entry `calendar.year_replaced` (target
 * `calendar_year`/{year}, details: source, before, after), written with the change's own
 * transaction (`em`), so it commits or rolls back with it.
 */
export async function recordCalendarChange(audit: AuditLog, em: EntityManager, change: CalendarChange): Promise<void> {
  await audit.record(
    {
      actorId: change.actor.id,
      actorRole: change.actor.role,
      actorEmail: change.actor.email,
      action: 'calendar.year_replaced',
      targetType: 'calendar_year',
      targetId: String(change.year),
      details: { source: change.source, before: change.before, after: change.after },
    },
    em,
  );
}
