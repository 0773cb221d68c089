import { Migration } from '@mikro-orm/migrations';

/**
 * The schema of the foundation: jurisdictions and their joint meetings, departments, plans with
 * key areas and tasks, assignments, append-only progress and task history, users.
 * Written by hand so it reads as the data model; later changes come as new migrations.
 */
export class Migration20261122000000_initial extends Migration {
  override name = 'Migration20261122000000_initial';

  up(): void {
    this.addSql(`
create table jurisdiction (
  id uuid primary key,
  name text not null unique,
  timezone text not null default 'Asia/Shanghai',
  created_at timestamptz not null default now()
);

create table joint_meeting (
  id uuid primary key,
  jurisdiction_id uuid not null unique references jurisdiction(id),
  name text not null,
  recipients text[] not null default '{}',
  created_at timestamptz not null default now()
);

create table department (
  id uuid primary key,
  jurisdiction_id uuid not null references jurisdiction(id),
  name text not null,
  name_key text not null,
  is_collective boolean not null default false,
  emails text[] not null default '{}',
  merged_into_id uuid references department(id),
  created_at timestamptz not null default now(),
  unique (jurisdiction_id, name_key)
);

-- every written form of a department maps to one department of its jurisdiction
create table department_alias (
  id uuid primary key,
  jurisdiction_id uuid not null references jurisdiction(id),
  alias_key text not null,
  alias text not null,
  department_id uuid not null references department(id),
  unique (jurisdiction_id, alias_key)
);

create table plan (
  id uuid primary key,
  jurisdiction_id uuid not null references jurisdiction(id),
  title text not null,
  issuer text,
  doc_number text,
  issued_on date,
  target_years int[] not null default '{}',
  source_name text,
  source_text text not null,
  source_sha256 char(64) not null unique,
  version int not null default 1,
  previous_version_id uuid references plan(id),
  superseded_by_id uuid references plan(id),
  created_by_id uuid,
  created_at timestamptz not null default now()
);
create index plan_jurisdiction_idx on plan (jurisdiction_id);

create table key_area (
  id uuid primary key,
  plan_id uuid not null references plan(id),
  position int not null,
  title text not null,
  unique (plan_id, position)
);

create table task (
  id uuid primary key,
  plan_id uuid not null references plan(id),
  key_area_id uuid not null references key_area(id),
  jurisdiction_id uuid not null references jurisdiction(id),
  position int not null,
  kind text not null check (kind in ('task', 'project', 'safeguard')),
  title text not null,
  text text not null,
  deadline date,
  status text not null default 'assigned',
  escalation_level text,
  removed_at timestamptz,
  completed_at timestamptz,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index task_plan_idx on task (plan_id, position);
-- the reminder and escalation sweeps read open tasks by deadline
create index task_open_deadline_idx on task (deadline) where removed_at is null and status <> 'completed';
create index task_jurisdiction_idx on task (jurisdiction_id, status);

create table assignment (
  id uuid primary key,
  task_id uuid not null references task(id),
  department_id uuid not null references department(id),
  role text not null check (role in ('lead', 'co')),
  position int not null default 0,
  unique (task_id, department_id)
);
create index assignment_department_idx on assignment (department_id);

create table app_user (
  id uuid primary key,
  email text not null unique,
  password_hash text not null,
  role text not null check (role in ('admin', 'coordinator', 'department', 'observer')),
  jurisdiction_id uuid references jurisdiction(id),
  department_id uuid references department(id),
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);

create table progress_report (
  id uuid primary key,
  task_id uuid not null references task(id),
  department_id uuid not null references department(id),
  author_id uuid references app_user(id),
  percent int not null check (percent between 0 and 100),
  summary text not null,
  next_steps text,
  evidence_urls text[] not null default '{}',
  created_at timestamptz not null default now()
);
create index progress_report_task_idx on progress_report (task_id, created_at desc);

-- the audit trail of a task: who changed what, when, from what to what, and why
create table task_event (
  id uuid primary key,
  task_id uuid not null references task(id),
  actor_id uuid references app_user(id),
  type text not null,
  before jsonb,
  after jsonb,
  reason text,
  at timestamptz not null default now()
);
create index task_event_task_idx on task_event (task_id, at);

-- progress reports and history are evidence: they are never changed or deleted
create function duban_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name;
end $$;
create trigger progress_report_append_only before update or delete on progress_report
  for each row execute function duban_append_only();
create trigger task_event_append_only before update or delete on task_event
  for each row execute function duban_append_only();
`);
  }
}
