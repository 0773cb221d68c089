import { Migration } from '@mikro-orm/migrations';

/**
 * Account lifecycle (libs/auth): a per-user session version that access tokens carry and every
 * request checks, profile fields, one-time set-password links (stored as hashes), and account
 * mails through the existing outbox.
 */
export class Migration20261130500001_accounts extends Migration {
  override name = 'Migration20261130500001_accounts';

  up(): void {
    this.addSql(`
alter table app_user
  add column session_version int not null default 0,
  add column display_name text,
  add column phone text;

create table password_reset (
  id uuid primary key,
  user_id uuid not null references app_user(id),
  token_sha256 char(64) not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_by_id uuid references app_user(id),
  created_at timestamptz not null
);
create index password_reset_user_idx on password_reset (user_id) where used_at is null;

alter table mail_outbox drop constraint mail_outbox_kind_check;
alter table mail_outbox add constraint mail_outbox_kind_check check (kind in ('reminder', 'escalation', 'summary', 'account'));
`);
  }
}
