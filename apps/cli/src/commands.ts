import { databaseUrlFrom } from '@duban/config';
import { migrate } from '@duban/persistence';

export type Command = (args: string[]) => Promise<number>;

export const COMMANDS: Record<string, Command> = {
  /** Apply pending migrations to DATABASE_URL: a deploy step, never done by the apps at boot. */
  async migrate() {
    const applied = await migrate(databaseUrlFrom());
    process.stderr.write(applied.length ? `migrated: ${applied.join(', ')}\n` : 'migrations: up to date\n');
    return 0;
  },
};
