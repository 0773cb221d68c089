import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000_initial } from './Migration20261122000000_initial';
import { Migration20261123000000_refresh_token } from './Migration20261123000000_refresh_token';
import { Migration20261123010000_extension_request } from './Migration20261123010000_extension_request';
import { Migration20261124000000_notifications } from './Migration20261124000000_notifications';
import { Migration20261130200000_plan_drafts } from './Migration20261130200000_plan_drafts';

/** Listed explicitly (no file globbing) so the same list runs from TypeScript in tests and from dist in production. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261122000000_initial', class: Migration20261122000000_initial },
  { name: 'Migration20261123000000_refresh_token', class: Migration20261123000000_refresh_token },
  { name: 'Migration20261123010000_extension_request', class: Migration20261123010000_extension_request },
  { name: 'Migration20261124000000_notifications', class: Migration20261124000000_notifications },
  { name: 'Migration20261130200000_plan_drafts', class: Migration20261130200000_plan_drafts },
];
