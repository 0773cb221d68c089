import { Migration } from '@mikro-orm/migrations';

/** 申请延期 requests and their decisions (libs/tasks). */
export class Migration20261123010000_extension_request extends Migration {
  override name = 'Migration20261123010000_extension_request';

  up(): void {
    this.addSql(`
create table extension_request (
  id uuid primary key,
  task_id uuid not null references task(id),
  department_id uuid not null references department(id),
  requested_by_id uuid references app_user(id),
  reason text not null,
  current_deadline date not null,
  requested_deadline date not null check (requested_deadline > current_deadline),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  decided_by_id uuid references app_user(id),
  decided_at timestamptz,
  decision_reason text,
  created_at timestamptz not null default now()
);
create index extension_request_task_idx on extension_request (task_id, created_at);
-- two clerks asking at once: one wins, the other gets a conflict
create unique index extension_request_one_pending on extension_request (task_id) where status = 'pending';
`);
  }
}
