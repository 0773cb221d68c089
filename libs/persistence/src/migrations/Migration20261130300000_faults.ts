import { Migration } from '@mikro-orm/migrations';
import calendar from 'chinese-days/dist/chinese-days.json';

/**
 * Issue 13, surviving faults: the outbox lease gets an owner (a token written by the claim and
 * checked by markSent/release); an escalation whose notice had nowhere to go waits for an address
 * instead of being marked done; the working-day calendar becomes data (放假 and 调休 dates per year),
 * seeded from the `chinese-days` package the rules read until now, extendable by an admin.
 */
export class Migration20261130300000_faults extends Migration {
  override name = 'Migration20261130300000_faults';

  up(): void {
    this.addSql(`
alter table mail_outbox add column lease_token uuid;
-- a released row's queued retry is due by then (BullMQ's backoff); past it, the relay re-queues the row
alter table mail_outbox add column retry_at timestamptz;

-- an escalation whose recipient had no address: not noticed, looked at again when one appears
alter table task_escalation add column unaddressed boolean not null default false;
create index task_escalation_unaddressed_idx on task_escalation (task_id) where noticed_at is null and unaddressed;

-- a year is covered once its arrangement is stored, even when it has no 调休 day
create table work_calendar_year (
  year int primary key check (year between 2000 and 2099),
  source text not null check (source in ('package', 'api', 'ics')),
  updated_at timestamptz not null default now(),
  updated_by uuid
);
create table work_calendar_day (
  day date primary key,
  year int not null references work_calendar_year(year) on delete cascade,
  kind text not null check (kind in ('holiday', 'workday'))
);
create index work_calendar_day_year_idx on work_calendar_day (year);
`);
    const data = calendar as { holidays: Record<string, string>; workdays: Record<string, string> };
    const days = [
      ...Object.keys(data.holidays).map((day) => ({ day, kind: 'holiday' })),
      ...Object.keys(data.workdays).map((day) => ({ day, kind: 'workday' })),
    ].sort((a, b) => a.day.localeCompare(b.day));
    const years = [...new Set(days.map((d) => Number(d.day.slice(0, 4))))];
    this.addSql(`insert into work_calendar_year (year, source) select y, 'package' from unnest(array[${years.join(',')}]::int[]) as y`);
    const values = days.map((d) => `('${d.day}', ${d.day.slice(0, 4)}, '${d.kind}')`).join(',\n');
    this.addSql(`insert into work_calendar_day (day, year, kind) values\n${values}`);
  }
}
