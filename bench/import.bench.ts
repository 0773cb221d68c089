/**
 * Plan import without HTTP: the 125-task Qinghai plan parsed and imported by PlanImportService on
 * a throwaway PostgreSQL (or DATABASE_URL), cold (the first import of the process: ORM metadata,
 * JIT) and warm (after other plans), then its revision (the same plan with one task changed) and
 * a draft. Each timed from the call to the answer; `npm run bench -- http` times it over HTTP too.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MikroORM } from '@mikro-orm/postgresql';
import { ManualClock } from '@duban/clock';
import { freePort, type RunningService, startPostgres } from '@duban/dev-services';
import { migrate, ormConfig } from '@duban/persistence';
import { PlanImportService } from '@duban/plans';

const ROUNDS = Math.min(5, Number(process.env.BENCH_IMPORT_ROUNDS ?? 5));

export async function benchImport(): Promise<void> {
  const services: RunningService[] = [];
  const root = mkdtempSync(join(tmpdir(), 'duban-bench-import-'));
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
    const provinces = [['甘肃', '甘'], ['贵州', '黔'], ['云南', '云'], ['四川', '川'], ['湖南', '湘'], ['江西', '赣'], ['福建', '闽']];
    const elsewhere = (i: number) => qinghai.replaceAll('青海', provinces[i % provinces.length][0]).replaceAll('青政', `${provinces[i % provinces.length][1]}政`);
    for (let i = 0; i < ROUNDS; i++) warm.push(await time(`qinghai as the plan of a new jurisdiction (${i + 1})`, elsewhere(i)));
    await time('qinghai revision (one deadline moved)', elsewhere(0).replace('2017年底前', '2018年底前'));
    await time('qinghai as a draft (findings)', elsewhere(5), { draft: true });
    warm.sort((a, b) => a - b);
    process.stdout.write(`  warm import, median of ${ROUNDS}: ${warm[Math.floor(warm.length / 2)].toFixed(0)} ms\n`);
    await orm.close(true);
  } finally {
    await Promise.allSettled(services.map((s) => s.stop()));
    rmSync(root, { recursive: true, force: true });
  }
}
