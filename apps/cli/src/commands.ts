import { databaseUrlFrom } from '@duban/config';
import { migrate } from '@duban/persistence';
import { runPlanParseCli } from '@duban/plan-parser';
import { runPlanImportCli, runSeedCli } from '@duban/plans';

export type Command = (args: string[]) => Promise<number>;

export const COMMANDS: Record<string, Command> = {
  /** Apply pending migrations to DATABASE_URL: a deploy step, never done by the apps at boot. */
  async migrate() {
    const applied = await migrate(databaseUrlFrom());
    process.stderr.write(applied.length ? `migrated: ${applied.join(', ')}\n` : 'migrations: up to date\n');
    return 0;
  },

  /** Print the extraction of one plan document as the contract's JSON (shared/contracts/plan-extraction.md). */
  'plan:parse': (args) => runPlanParseCli(args, { stdout: process.stdout, stderr: process.stderr }),

  /** Import plan documents into DATABASE_URL through the same service as POST /api/plans. */
  'plan:import': (args) => runPlanImportCli(args, { stdout: process.stdout, stderr: process.stderr }),

  /** The embedded mode's first-start data: the sample plans (once), then the demo logins. */
  seed: (args) => runSeedCli(args, { stdout: process.stdout, stderr: process.stderr }),
};
