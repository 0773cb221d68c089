import { Migration } from '@mikro-orm/migrations';

/**
 * Every task event (acceptance, completion requests and approvals, returns, extensions,
 * reassignments, deadline changes, department merges — whatever writes one, now or later) is
 * mirrored into the audit log in the same transaction, with the actor's role and the task's
 * jurisdiction at that moment. One mechanism instead of an audit call beside every TaskEvent.
 */
export class Migration20261130500003_audit_task_events extends Migration {
  override name = 'Migration20261130500003_audit_task_events';

  up(): void {
    this.addSql(`
create function audit_task_event() returns trigger language plpgsql as $fn$
begin
  insert into audit_log (at, actor_id, actor_role, actor_email, jurisdiction_id, action, target_type, target_id, details)
  select new.at, new.actor_id, u.role, u.email, t.jurisdiction_id, 'task.' || new.type, 'task', new.task_id::text,
         jsonb_strip_nulls(jsonb_build_object('taskEventId', new.id, 'before', new.before, 'after', new.after, 'reason', new.reason))
  from task t left join app_user u on u.id = new.actor_id
  where t.id = new.task_id;
  return null;
end
$fn$;
create trigger task_event_audit after insert on task_event for each row execute function audit_task_event();
`);
  }
}
