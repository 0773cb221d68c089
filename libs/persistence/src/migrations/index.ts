import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000_initial } from './Migration20261122000000_initial';

/** Listed explicitly (no file globbing) so the same list runs from TypeScript in tests and from dist in production. */
export const MIGRATIONS: MigrationObject[] = [{ name: 'Migration20261122000000_initial', class: Migration20261122000000_initial }];
