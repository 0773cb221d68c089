import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freshDatabase } from '../../../test/support/database';
import { runPlanImportCli, runSeedCli } from './plan.cli';

const SEEDS = join(__dirname, '..', '..', '..', 'seeds');

describe('plan:import and seed on a real PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let dataDir: string;
  const io = () => {
    const out = { stdout: '', stderr: '' };
    return { out, io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } } };
  };
  const count = async (table: string) => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return Number((await client.query(`select count(*) as n from ${table}`)).rows[0].n);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    db = await freshDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'duban-seed-'));
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await db.drop();
  });

  it('imports files with one progress line each, keeps going past a bad file and exits 1', async () => {
    const bad = join(dataDir, 'not-a-plan.txt');
    writeFileSync(bad, '今天天气很好。');
    const { out, io: cli } = io();
    const code = await runPlanImportCli([join(SEEDS, 'plans', 'shaanxi-2016.txt'), bad, join(SEEDS, 'plans', 'jilin-2016.txt')], cli, { DATABASE_URL: db.url });
    expect(code).toBe(1);
    expect(out.stdout).toMatch(/\[1\/3\] shaanxi-2016\.txt: imported: 陕西省 .* 38 tasks/);
    expect(out.stderr).toMatch(/\[2\/3\] not-a-plan\.txt: FAILED: .+/);
    expect(out.stdout).toMatch(/\[3\/3\] jilin-2016\.txt: imported/);
    expect(out.stdout).toMatch(/3 file\(s\): 2 imported, 0 already present, 1 failed/);
    expect(await count('plan')).toBe(2);
  });

  it('seeds the five sample plans once and writes the demo logins', async () => {
    const env = { DATABASE_URL: db.url, DUBAN_DATA_DIR: dataDir };
    const first = io();
    expect(await runSeedCli([SEEDS], first.io, env)).toBe(0);
    expect(await count('plan')).toBe(5);
    const tasks = await count('task');
    const logins = readFileSync(join(dataDir, 'demo-logins.txt'), 'utf8');
    expect(logins).toMatch(/admin\s+admin@duban\.local/);
    expect(logins).toMatch(/coordinator\s+\S+@duban\.local\s+\S+\s+青海省/);

    const again = io();
    expect(await runSeedCli([SEEDS], again.io, env)).toBe(0);
    expect(again.out.stdout.match(/already imported/g)).toHaveLength(5);
    expect(await count('plan')).toBe(5);
    expect(await count('task')).toBe(tasks);
  });

  it('explains its usage', async () => {
    const { out, io: cli } = io();
    expect(await runPlanImportCli([], cli, {})).toBe(2);
    expect(out.stderr).toMatch(/usage: plan:import/);
  });
});
