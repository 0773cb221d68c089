import { databaseUrlFrom } from '@duban/config';
import { migrate as applyMigrations } from '@duban/persistence';
import type { Command } from './commands';

export const migrate: Command = async () => {
  const applied = await applyMigrations(databaseUrlFrom());
  process.stderr.write(applied.length ? `migrated: ${applied.join(', ')}\n` : 'migrations: up to date\n');
  return 0;
};
