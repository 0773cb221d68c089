import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ManualClock } from '@duban/clock';
import { ormConfig, Plan, Task } from '@duban/persistence';
import { planDocx } from '../../plan-reader/test-support/plan-docx';
import { freshDatabase } from '../../../test/support/database';
import { importPlanFiles } from './plan-files';
import { PlanImportService } from './plan-import.service';
import { PlanIntakeService } from './plan-intake.service';

const SEEDS = join(__dirname, '..', '..', '..', 'seeds', 'plans');
const PDFS = join(__dirname, '..', '..', 'plan-reader', 'test-fixtures');

describe('plan:import of Word, PDF and text files on a real PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let orm: MikroORM;
  let intake: PlanIntakeService;

  beforeAll(async () => {
    db = await freshDatabase();
    orm = new MikroORM(ormConfig(db.url));
    intake = new PlanIntakeService(new PlanImportService(orm.em, new ManualClock('2017-06-01T00:00:00Z')), { planParseWorkers: 1, planParseTimeoutMs: 20_000, planParseWarm: false });
  });
  afterAll(async () => {
    await intake.onModuleDestroy();
    await orm.close(true);
    await db.drop();
  });

  it('imports each file through the isolated reader; a bad file fails alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-files-'));
    const docx = join(dir, 'qinghai-2017.docx');
    writeFileSync(docx, planDocx(readFileSync(join(SEEDS, 'qinghai-2017.txt'), 'utf8')));
    const bad = join(dir, 'scan.pdf');
    writeFileSync(bad, Buffer.from('%PDF-1.4\nnot really a pdf'));
    const outcomes = await importPlanFiles(intake, [docx, join(PDFS, 'shaanxi-2016.pdf'), bad, join(SEEDS, 'jilin-2016.txt')]);
    expect(outcomes.map((o) => ('error' in o ? 'error' : o.result.plan.taskCount))).toEqual([125, 38, 'error', 56]);
    const em = orm.em.fork();
    const plans = await em.find(Plan, {}, { orderBy: { createdAt: 'asc' }, populate: ['sourceText'] });
    expect(plans.map((p) => p.sourceName)).toEqual(['qinghai-2017.docx', 'shaanxi-2016.pdf', 'jilin-2016.txt']);
    expect(plans[0].sourceText).toContain('\n一、总体要求\n');
    expect(await em.count(Task, { plan: plans[1] })).toBe(38);
  });
});
