import { Migration } from '@mikro-orm/migrations';

/** Refresh tokens for the short-lived access JWTs (libs/auth). */
export class Migration20261123000000_refresh_token extends Migration {
  override name = 'Migration20261123000000_refresh_token';

  up(): void {
    this.addSql(`
create table refresh_token (
  id uuid primary key,
  user_id uuid not null references app_user(id),
  secret_sha256 char(64) not null,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index refresh_token_user_idx on refresh_token (user_id) where revoked_at is null;
`);
  }
}
