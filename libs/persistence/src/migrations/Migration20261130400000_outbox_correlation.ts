import { Migration } from '@mikro-orm/migrations';

/**
 * The correlation id of the request or job that wrote each mail (issue 13): the mail carries it
 * as `X-Duban-Correlation-Id`, so a mail leads back to the log lines of what caused it.
 */
export class Migration20261130400000_outbox_correlation extends Migration {
  override name = 'Migration20261130400000_outbox_correlation';

  up(): void {
    this.addSql(`alter table mail_outbox add column correlation_id text;`);
  }
}
