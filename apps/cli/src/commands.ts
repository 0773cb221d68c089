export type Command = (args: string[]) => Promise<number>;

// Each command loads only what it needs: plan:parse runs per file and must not pay for
// MikroORM and Nest at start-up. So each lives in a module of its own, required when it runs;
// the `@duban/*` imports stay in those modules because the build rewrites them in import
// declarations only, never in a require().
export const COMMANDS: Record<string, Command> = {
  /** Apply pending migrations to DATABASE_URL: a deploy step, never done by the apps at boot. */
  migrate: (args) => (require('./migrate.command') as typeof import('./migrate.command')).migrate(args),

  /** Print the extraction of one plan document as the contract's JSON (shared/contracts/plan-extraction.md). */
  'plan:parse': (args) => (require('./plan-parse.command') as typeof import('./plan-parse.command')).planParse(args),

  /** Import plan documents into DATABASE_URL through the same service as POST /api/plans. */
  'plan:import': (args) => (require('./plans.command') as typeof import('./plans.command')).planImport(args),

  /** The embedded mode's first-start data: the sample plans (once) and the demo logins. */
  seed: (args) => (require('./plans.command') as typeof import('./plans.command')).seed(args),
};
