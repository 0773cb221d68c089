import { Migration } from '@mikro-orm/migrations';

/**
 * Review before dispatch: a plan may be imported as a draft, whose tasks nobody but the
 * coordinators sees or is chased for until it is published. `task.draft` repeats the plan's
 * state on the task so the task lists and the sweeps filter it without a join.
 */
export class Migration20261130200000_plan_drafts extends Migration {
  override name = 'Migration20261130200000_plan_drafts';

  up(): void {
    this.addSql(`
alter table plan add column status text not null default 'published' check (status in ('draft', 'published'));
alter table plan add column published_at timestamptz;
alter table plan add column published_by_id uuid references app_user(id);
update plan set published_at = created_at;
alter table task add column draft boolean not null default false;
-- clauses of the item the parser could not read: shown to the coordinator as review findings
alter table task add column unread text[] not null default '{}';
create index task_draft_idx on task (plan_id) where draft;
`);
  }
}
