import { Migration } from '@mikro-orm/migrations';

/**
 * The one append-only audit log (libs/audit). The application only ever inserts: a trigger
 * refuses UPDATE, DELETE and TRUNCATE, so a bug or a compromised session cannot rewrite history.
 */
export class Migration20261130500000_audit_log extends Migration {
  override name = 'Migration20261130500000_audit_log';

  up(): void {
    this.addSql(`
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  actor_id uuid,
  actor_role text,
  actor_email text,
  jurisdiction_id uuid,
  action text not null,
  target_type text,
  target_id text,
  details jsonb not null default '{}'
);
create index audit_log_jurisdiction_idx on audit_log (jurisdiction_id, id desc);
create index audit_log_action_idx on audit_log (action, id desc);
create index audit_log_actor_idx on audit_log (actor_id, id desc);
create index audit_log_target_idx on audit_log (target_type, target_id, id desc);
create index audit_log_at_idx on audit_log (at);

create function audit_log_append_only() returns trigger language plpgsql as $fn$
begin
  raise exception 'audit_log is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end
$fn$;
create trigger audit_log_no_change before update or delete on audit_log for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only();
`);
  }
}
