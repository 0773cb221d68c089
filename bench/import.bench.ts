/**
 * Plan import without HTTP: the 125-task Qinghai plan parsed and imported by PlanImportService on
 * a throwaway PostgreSQL (or DATABASE_URL), cold (the first import of the process: ORM metadata,
 * JIT) and warm (after other plans), then its revision (the same plan with one task changed) and
 * a draft, each timed from the call to the answer; then over HTTP, on the production API (also part
 * of `npm run bench -- http`).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MikroORM } from '@mikro-orm/postgresql';
import { ManualClock } from '@duban/clock';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { freePort, type RunningService, startPostgres, startRedis } from '@duban/dev-services';
import { migrate, ormConfig } from '@duban/persistence';
import { PlanImportService } from '@duban/plans';
import { benchImport as importOverHttp, PROVINCES, start } from './http.bench';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

async function createDatabase(url: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
}

const ROUNDS = Math.min(PROVINCES.length - 1, Number(process.env.BENCH_IMPORT_ROUNDS ?? 5));

export async function benchImport(): Promise<void> {
  const services: RunningService[] = [];
  const root = mkdtempSync(join(tmpdir(), 'duban-bench-import-'));
  const children: ChildProcess[] = [];
  let url = process.env.DATABASE_URL;
  try {
    if (!url) {
      const pg = await startPostgres({ dataDir: join(root, 'pg'), port: await freePort(), database: 'duban_bench', persistent: false });
      services.push(pg);
      url = pg.url;
    }
    await migrate(url);
    const orm = new MikroORM(ormConfig(url));
    const importer = new PlanImportService(orm.em, new ManualClock('2017-06-01T00:00:00Z'));
    const plan = (file: string) => readFileSync(join(process.cwd(), 'seeds/plans', file), 'utf8');
    const qinghai = plan('qinghai-2017.txt');
    const time = async (label: string, text: string, options: Parameters<PlanImportService['importText']>[1] = {}) => {
      const t = performance.now();
      const result = await importer.importText(text, options);
      const ms = performance.now() - t;
      process.stdout.write(`  ${label.padEnd(58)} ${ms.toFixed(0).padStart(5)} ms  (${result.plan.taskCount} tasks${result.created ? '' : ', known'}${result.revision ? `, ${result.revision.changed.length} changed` : ''})\n`);
      return ms;
    };
    await time('qinghai-2017.txt, cold (first import of the process)', qinghai);
    for (const file of ['jilin-2016.txt', 'shaanxi-2016.txt', 'shandong-2016.txt']) await time(`${file} (warm-up)`, plan(file));
    await time('qinghai-2017.txt again (known by its checksum)', qinghai);
    // warm: the same plan under another title in a new jurisdiction each round
    const warm: number[] = [];
    // the same document issued by another province: a new jurisdiction, its departments all new
    const elsewhere = (i: number) => qinghai.replaceAll('青海', PROVINCES[i][0]).replaceAll('青政', `${PROVINCES[i][1]}政`);
    for (let i = 0; i < ROUNDS; i++) warm.push(await time(`qinghai as the plan of a new jurisdiction (${i + 1})`, elsewhere(i)));
    await time('qinghai revision (one deadline moved)', elsewhere(0).replace('2017年底前', '2018年底前'));
    await time('qinghai as a draft (findings)', elsewhere(ROUNDS), { draft: true });
    warm.sort((a, b) => a - b);
    process.stdout.write(`  warm import, median of ${ROUNDS}: ${warm[Math.floor(warm.length / 2)].toFixed(0)} ms\n`);
    await orm.close(true);

    // over HTTP: the production API on a fresh database (parse in its worker thread, JSON, auth)
    const http = `${url.replace(/\/[^/]*$/, '')}/duban_bench_http`;
    await createDatabase(url, 'duban_bench_http');
    await migrate(http);
    const redis = await startRedis({ dataDir: join(root, 'redis'), port: await freePort(), persistent: false });
    services.push(redis);
    const db = new Client({ connectionString: http });
    await db.connect();
    const { rows: [admin] } = await db.query(`insert into app_user (id, email, password_hash, role) values (gen_random_uuid(), 'admin@bench.cn', 'x', 'admin') returning id, email`);
    await db.end();
    const env = { ...process.env, NODE_ENV: 'production', DATABASE_URL: http, REDIS_URL: redis.url, SMTP_URL: 'smtp://127.0.0.1:2525', JWT_SECRET: SECRET, QUEUE_PREFIX: 'benchimport' };
    const api = await start(children, join(__dirname, '..', 'apps/api/src/main.js'), env, join(root, 'api.log'));
    // the parse worker is started at boot: let it load before the first upload, as it would in service
    await new Promise((done) => setTimeout(done, 3000));
    await importOverHttp(api, jwt.sign({ sub: admin.id, email: admin.email, role: 'admin', jur: null, dep: null, sv: 0 }, SECRET, { algorithm: 'HS256', expiresIn: 3600 }), ROUNDS);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((done) => (c.exitCode !== null ? done(null) : c.once('exit', done)))));
    await Promise.allSettled(services.map((s) => s.stop()));
    rmSync(root, { recursive: true, force: true });
  }
}
