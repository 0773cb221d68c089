import { Migration } from '@mikro-orm/migrations';

/**
 * The session version a refresh token was issued under: a token that a password or role change
 * ended is simply refused, while reuse of a token spent by rotation (a leak) still revokes all.
 */
export class Migration20261130500002_refresh_session extends Migration {
  override name = 'Migration20261130500002_refresh_session';

  up(): void {
    this.addSql(`alter table refresh_token add column session_version int not null default 0;`);
  }
}
