export type Command = (args: string[]) => Promise<number>;

const io = { stdout: process.stdout, stderr: process.stderr };

// Each command loads only what it needs: plan:parse runs per file and must not pay for
// MikroORM and Nest at start-up.
export const COMMANDS: Record<string, Command> = {
  /** Apply pending migrations to DATABASE_URL: a deploy step, never done by the apps at boot. */
  async migrate() {
    const { databaseUrlFrom } = require('@duban/config') as typeof import('@duban/config');
    const { migrate } = require('@duban/persistence') as typeof import('@duban/persistence');
    const applied = await migrate(databaseUrlFrom());
    process.stderr.write(applied.length ? `migrated: ${applied.join(', ')}\n` : 'migrations: up to date\n');
    return 0;
  },

  /** Print the extraction of one plan document as the contract's JSON (shared/contracts/plan-extraction.md). */
  'plan:parse': (args) => (require('@duban/plan-reader') as typeof import('@duban/plan-reader')).runPlanParseCli(args, io),

  /** Import plan documents into DATABASE_URL through the same service as POST /api/plans. */
  'plan:import': (args) => (require('@duban/plans') as typeof import('@duban/plans')).runPlanImportCli(args, io),

  /** The embedded mode's first-start data: the sample plans (once) and the demo logins. */
  seed: (args) => (require('@duban/plans') as typeof import('@duban/plans')).runSeedCli(args, io),
};
