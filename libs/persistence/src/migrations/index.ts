import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000_initial } from './Migration20261122000000_initial';
import { Migration20261123000000_refresh_token } from './Migration20261123000000_refresh_token';
import { Migration20261123010000_extension_request } from './Migration20261123010000_extension_request';
import { Migration20261124000000_notifications } from './Migration20261124000000_notifications';
import { Migration20261130200000_plan_drafts } from './Migration20261130200000_plan_drafts';
import { Migration20261130300000_faults } from './Migration20261130300000_faults';
import { Migration20261130400000_outbox_correlation } from './Migration20261130400000_outbox_correlation';
import { Migration20261130500000_audit_log } from './Migration20261130500000_audit_log';
import { Migration20261130500001_accounts } from './Migration20261130500001_accounts';
import { Migration20261130500002_refresh_session } from './Migration20261130500002_refresh_session';
import { Migration20261130500003_audit_task_events } from './Migration20261130500003_audit_task_events';
import { Migration20261130600000_notice_item_cost } from './Migration20261130600000_notice_item_cost';
import { Migration20261201200000_list_pages } from './Migration20261201200000_list_pages';
import { Migration20261201300000_ladder_cost } from './Migration20261201300000_ladder_cost';
import { Migration20261201600000_plan_content_identity } from './Migration20261201600000_plan_content_identity';

/** Listed explicitly (no file globbing) so the same list runs from TypeScript in tests and from dist in production. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261122000000_initial', class: Migration20261122000000_initial },
  { name: 'Migration20261123000000_refresh_token', class: Migration20261123000000_refresh_token },
  { name: 'Migration20261123010000_extension_request', class: Migration20261123010000_extension_request },
  { name: 'Migration20261124000000_notifications', class: Migration20261124000000_notifications },
  { name: 'Migration20261130200000_plan_drafts', class: Migration20261130200000_plan_drafts },
  { name: 'Migration20261130300000_faults', class: Migration20261130300000_faults },
  { name: 'Migration20261130400000_outbox_correlation', class: Migration20261130400000_outbox_correlation },
  { name: 'Migration20261130500000_audit_log', class: Migration20261130500000_audit_log },
  { name: 'Migration20261130500001_accounts', class: Migration20261130500001_accounts },
  { name: 'Migration20261130500002_refresh_session', class: Migration20261130500002_refresh_session },
  { name: 'Migration20261130500003_audit_task_events', class: Migration20261130500003_audit_task_events },
  { name: 'Migration20261130600000_notice_item_cost', class: Migration20261130600000_notice_item_cost },
  { name: 'Migration20261201200000_list_pages', class: Migration20261201200000_list_pages },
  { name: 'Migration20261201300000_ladder_cost', class: Migration20261201300000_ladder_cost },
  { name: 'Migration20261201600000_plan_content_identity', class: Migration20261201600000_plan_content_identity },
];
