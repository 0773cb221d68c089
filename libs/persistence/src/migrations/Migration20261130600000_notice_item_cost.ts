import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 11, measured with EXPLAIN (ANALYZE) on a 200-mail outbox write with 12,000 task lines:
 * the two foreign-key triggers of `notice_item` cost 40–55 % of the statement (one trigger call
 * per line, 20–27 µs each), more than the lines themselves. Both references hold by construction:
 * a line is inserted by the same statement as its mail, only for mails that statement inserted,
 * and tasks are never deleted (a dropped task keeps its row, `removed_at`). The monthly report
 * day writes about as many lines as there are open tasks, so these checks were most of its cost.
 */
export class Migration20261130600000_notice_item_cost extends Migration {
  override name = 'Migration20261130600000_notice_item_cost';

  up(): void {
    this.addSql(`
alter table notice_item drop constraint notice_item_task_id_fkey;
alter table notice_item drop constraint notice_item_outbox_id_fkey;
`);
  }
}
