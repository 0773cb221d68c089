import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 11, from EXPLAIN (ANALYZE, BUFFERS) of the sweep at 100k tasks:
 * - `task_ladder_idx`: a sweep looks only for tasks whose level is not the one their deadline
 *   puts them on (per level, a deadline range outside its band), so a repeat sweep reads what
 *   changes instead of every overdue task through `task_open_jurisdiction_deadline_idx`.
 * - `task_escalated_closed_idx`: the escalated tasks that completed or were removed (to take off
 *   the ladder), without reading every escalated task.
 * - the foreign key of `task_escalation.task_id`: its trigger was 1.0 s of a 5.4 s ladder
 *   statement (11,675 rows, 86 µs a row). It holds by construction: a row is inserted only by the
 *   statement that has just updated that task, and tasks are never deleted (`removed_at`).
 */
export class Migration20261201300000_ladder_cost extends Migration {
  override name = 'Migration20261201300000_ladder_cost';

  up(): void {
    this.addSql(`
create index task_ladder_idx on task (jurisdiction_id, (coalesce(escalation_level, '')), deadline)
  where removed_at is null and status <> 'completed' and not draft;
create index task_escalated_closed_idx on task (jurisdiction_id)
  where escalation_level is not null and (removed_at is not null or status = 'completed');
alter table task_escalation drop constraint task_escalation_task_id_fkey;
`);
  }
}
