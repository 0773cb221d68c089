import { Migration } from '@mikro-orm/migrations';

/**
 * Reminders, escalations and summaries (issue 5): per-jurisdiction rules, the mail outbox with
 * its unique idempotency keys, the escalation history, which task went into which mail, and the
 * nightly summary runs; plus the indexes the sweeps read through.
 */
export class Migration20261124000000_notifications extends Migration {
  override name = 'Migration20261124000000_notifications';

  up(): void {
    this.addSql(`
create table notification_settings (
  jurisdiction_id uuid primary key references jurisdiction(id),
  reminder_offsets int[],
  report_cycle_day int check (report_cycle_day between 1 and 28),
  ladder jsonb,
  summary_time text check (summary_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  updated_at timestamptz not null default now()
);

create table mail_outbox (
  id uuid primary key,
  idempotency_key text not null unique,
  kind text not null check (kind in ('reminder', 'escalation', 'summary')),
  recipients text[] not null,
  subject text not null,
  text_body text not null,
  html_body text not null,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent')),
  attempts int not null default 0,
  lease_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
-- the relay looks only at mail not yet sent
create index mail_outbox_unsent_idx on mail_outbox (created_at) where status <> 'sent';

create table task_escalation (
  id uuid primary key,
  task_id uuid not null references task(id),
  level text not null,
  deadline date not null,
  notify text[] not null,
  reached_on date not null,
  -- set once every notice of the step is written (or had nowhere to go): later sweeps skip it
  noticed_at timestamptz,
  created_at timestamptz not null default now(),
  unique (task_id, level, deadline)
);
create index task_escalation_unnoticed_idx on task_escalation (reached_on) where noticed_at is null;

create table notice_item (
  id uuid primary key,
  kind text not null check (kind in ('reminder', 'report', 'escalation')),
  task_id uuid not null references task(id),
  recipient text not null,
  stage text not null,
  outbox_id uuid not null references mail_outbox(id),
  -- task first: every lookup is "has this task's stage gone to this recipient"
  unique (task_id, kind, stage, recipient)
);

-- a jurisdiction's monthly report reminders are done for the cycle: later sweeps skip the ask
create table report_cycle_run (
  jurisdiction_id uuid not null references jurisdiction(id),
  cycle text not null,
  created_at timestamptz not null default now(),
  primary key (jurisdiction_id, cycle)
);

create table summary_run (
  id uuid primary key,
  joint_meeting_id uuid not null references joint_meeting(id),
  local_date date not null,
  outcome text not null check (outcome in ('sent', 'empty', 'no_recipients')),
  outbox_id uuid references mail_outbox(id),
  created_at timestamptz not null default now(),
  unique (joint_meeting_id, local_date)
);

-- the escalation sweep: open tasks past a deadline, and escalated ones that may have to come down
create index task_escalated_idx on task (jurisdiction_id) where escalation_level is not null;
-- the summary: a jurisdiction's open tasks by deadline
create index task_open_jurisdiction_deadline_idx on task (jurisdiction_id, deadline) where removed_at is null and status <> 'completed';
-- reminder recipients: the users of a department
create index app_user_department_idx on app_user (department_id) where department_id is not null;
`);
  }
}
