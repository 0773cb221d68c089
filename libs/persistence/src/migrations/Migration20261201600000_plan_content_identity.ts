import { Migration } from '@mikro-orm/migrations';

/**
 * A plan is recognised by what it says, not by its bytes: the same document sent as .txt, then as
 * the .docx or PDF it came from, is one plan. `content_sha256` is the hash of the normalised
 * extraction (header, key areas, tasks, departments, deadlines). Plans imported before have none
 * and are matched by re-reading their stored text when a copy arrives (then filled in).
 */
export class Migration20261201600000_plan_content_identity extends Migration {
  override name = 'Migration20261201600000_plan_content_identity';

  up(): void {
    this.addSql(`
alter table plan add column content_sha256 char(64);
create index plan_content_sha256_idx on plan (content_sha256);
`);
  }
}
