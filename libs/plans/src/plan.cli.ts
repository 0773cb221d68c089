import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ensureDemoUsers, formatDemoLogins } from '@duban/auth';
import { SystemClock } from '@duban/clock';
import { databaseUrlFrom, planParseLimits } from '@duban/config';
import { ormConfig } from '@duban/persistence';
import { PlanImportService } from './plan-import.service';
import { PlanIntakeService } from './plan-intake.service';
import { type ImportFileOutcome, importPlanFiles } from './plan-files';

export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

type Env = Record<string, string | undefined>;

/**
 * `plan:import FILE|DIR...`: the same import as `POST /api/plans`, straight to DATABASE_URL.
 * One line per file as it finishes; exit 1 when any file failed (the others are kept).
 */
export async function runPlanImportCli(args: string[], io: CliIo, env: Env = process.env): Promise<number> {
  const files = args.flatMap((arg) => (statSafe(arg)?.isDirectory() ? planFilesIn(arg) : [arg]));
  if (!files.length) {
    io.stderr.write('usage: plan:import FILE|DIR...   (plan documents: .txt .docx .doc .wps .pdf .html .xlsx; a directory means those files in it)\n');
    return 2;
  }
  return withImporter(env, async (intake) => {
    const started = Date.now();
    const outcomes = await importPlanFiles(intake, files, (outcome, done, total) => report(io, outcome, done, total));
    const failed = outcomes.filter((o) => 'error' in o).length;
    const created = outcomes.filter((o) => 'result' in o && o.result.created).length;
    io.stdout.write(`${files.length} file(s): ${created} imported, ${files.length - created - failed} already present, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    return failed ? 1 : 0;
  });
}

/**
 * `seed DIR`: the embedded mode's first-start data. Imports DIR/plans/*.txt (a no-op for texts
 * already imported, so restarts create nothing), then the demo logins, written to
 * $DUBAN_DATA_DIR/demo-logins.txt (default .data/).
 */
export async function runSeedCli(args: string[], io: CliIo, env: Env = process.env): Promise<number> {
  const [dir] = args;
  if (!dir) {
    io.stderr.write('usage: seed DIR   (imports DIR/plans/*.txt, then creates the demo logins)\n');
    return 2;
  }
  return withImporter(env, async (intake, orm) => {
    const outcomes = await importPlanFiles(intake, planFilesIn(join(dir, 'plans')), (outcome, done, total) => report(io, outcome, done, total));
    if (outcomes.some((o) => 'error' in o)) return 1;
    const logins = await ensureDemoUsers(orm.em.fork());
    const dataDir = resolve(env.DUBAN_DATA_DIR ?? '.data');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'demo-logins.txt'), formatDemoLogins(logins), { mode: 0o600 });
    io.stdout.write(`seed: ${logins.length} demo login(s) in ${join(dataDir, 'demo-logins.txt')}\n`);
    return 0;
  });
}

async function withImporter(env: Env, run: (intake: PlanIntakeService, orm: MikroORM) => Promise<number>): Promise<number> {
  const orm = new MikroORM(ormConfig(databaseUrlFrom(env), { pool: { min: 0, max: 2 } }));
  const intake = new PlanIntakeService(new PlanImportService(orm.em, new SystemClock()), planParseLimits(env));
  try {
    return await run(intake, orm);
  } finally {
    await intake.onModuleDestroy();
    await orm.close(true);
  }
}

function report(io: CliIo, outcome: ImportFileOutcome, done: number, total: number): void {
  const prefix = `[${done}/${total}] ${basename(outcome.file)}:`;
  if ('error' in outcome) {
    io.stderr.write(`${prefix} FAILED: ${outcome.error}\n`);
    return;
  }
  const { created, plan, revision } = outcome.result;
  const what = !created
    ? 'already imported'
    : revision
      ? `revision ${plan.version} (+${revision.added.length} added, ~${revision.changed.length} changed, -${revision.removed.length} removed)`
      : 'imported';
  io.stdout.write(`${prefix} ${what}: ${plan.jurisdiction} 《${plan.title}》 ${plan.taskCount} tasks (plan ${plan.id})\n`);
}

const PLAN_FILE = /\.(txt|docx|doc|wps|pdf|html?|xlsx)$/i;

function planFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => PLAN_FILE.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function statSafe(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
