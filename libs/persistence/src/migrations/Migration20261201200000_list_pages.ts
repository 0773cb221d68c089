import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 11, the list pages at national scale (EXPLAIN ANALYZE in libs/tasks/README.md): a
 * province-sized office (50,000 tasks over 50 plans) paid 200–900 ms per page because every page
 * sorted the whole jurisdiction and counted it in a window. These let a page read only its rows:
 * - `task_listed_idx`: a key area's listed tasks in order (the coordinator's list reads plan by
 *   plan, key area by key area, and stops when the page is full); with `status` included, the
 *   list's total (with or without a status filter) is an index-only count.
 * - `task_listed_open_idx`: the overdue review in deadline order, and its total index-only
 *   (`not draft` in the predicate: the older `task_open_jurisdiction_deadline_idx` needs the heap
 *   to leave drafts out).
 * - `plan_jurisdiction_order_idx`: a jurisdiction's plans in the list's order.
 */
export class Migration20261201200000_list_pages extends Migration {
  override name = 'Migration20261201200000_list_pages';

  up(): void {
    this.addSql(`
create index task_listed_idx on task (jurisdiction_id, key_area_id, position, id) include (status) where removed_at is null and not draft;
create index task_listed_open_idx on task (jurisdiction_id, deadline) where removed_at is null and not draft and status <> 'completed';
create index plan_jurisdiction_order_idx on plan (jurisdiction_id, created_at, id);
`);
  }
}
