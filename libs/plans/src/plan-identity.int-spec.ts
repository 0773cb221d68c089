import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ManualClock } from '@duban/clock';
import { ormConfig, Plan, Task } from '@duban/persistence';
import { planDocx } from '../../plan-reader/test-support/plan-docx';
import { freshDatabase } from '../../../test/support/database';
import { PlanImportService } from './plan-import.service';
import { PlanIntakeService } from './plan-intake.service';

const SEEDS = join(__dirname, '..', '..', '..', 'seeds', 'plans');
const PDFS = join(__dirname, '..', '..', 'plan-reader', 'test-fixtures');
const seed = (name: string) => readFileSync(join(SEEDS, `${name}.txt`), 'utf8');

/** The same document sent again in another format is the plan imported before; a changed one is a revision. */
describe('plan identity by content on a real PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let orm: MikroORM;
  let intake: PlanIntakeService;
  const plans = () => orm.em.fork().find(Plan, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });

  beforeAll(async () => {
    db = await freshDatabase();
    orm = new MikroORM(ormConfig(db.url));
    intake = new PlanIntakeService(new PlanImportService(orm.em, new ManualClock('2017-06-01T00:00:00Z')), { planParseWorkers: 1, planParseTimeoutMs: 30_000, planParseWarm: false });
  });
  afterAll(async () => {
    await intake.onModuleDestroy();
    await orm.close(true);
    await db.drop();
  });

  it('answers the .txt’s plan for its .docx and PDF, whatever their names; a changed .docx is a revision; the old PDF then still answers version 1', async () => {
    const text = seed('qinghai-2017');
    const v1 = await intake.importText(text, { sourceName: 'qinghai-2017.txt' });
    expect(v1).toMatchObject({ created: true, plan: { version: 1, taskCount: 125 } });

    for (const [bytes, name] of [
      [planDocx(text, { header: '青海省人民政府文件', footer: '— 1 —' }), '青海省互联网+实施意见.docx'],
      [readFileSync(join(PDFS, 'qinghai-2017.pdf')), 'scan-0001.pdf'],
      [readFileSync(join(PDFS, 'qinghai-2017.doc')), 'qinghai-2017.doc'],
    ] as const) {
      const again = await intake.importFile(bytes, name);
      expect(again).toMatchObject({ created: false, plan: { id: v1.plan.id, version: 1, taskCount: 125, sourceName: 'qinghai-2017.txt' } });
      expect(again.revision).toBeUndefined();
    }
    expect((await plans()).map((p) => p.id)).toEqual([v1.plan.id]);

    const revised = text.replace('1.加快构建众创空间。', '1.加快构建众创空间。2019年底前建成一批示范众创空间。');
    const v2 = await intake.importFile(planDocx(revised), 'qinghai-2017-修订.docx');
    expect(v2).toMatchObject({ created: true, plan: { version: 2, previousVersionId: v1.plan.id } });
    expect(v2.revision!.changed).toEqual([expect.objectContaining({ title: '加快构建众创空间', fields: ['text', 'deadline'] })]);
    // the revision's text again, pasted: the revision
    expect(await intake.importText(revised.replace(/\n/g, '\r\n\r\n'))).toMatchObject({ created: false, plan: { id: v2.plan.id } });
    // the first version's PDF again: the first version, as its .txt would be answered
    expect(await intake.importFile(readFileSync(join(PDFS, 'qinghai-2017.pdf')), 'qinghai-2017.pdf')).toMatchObject({ created: false, plan: { id: v1.plan.id, supersededById: v2.plan.id } });
    expect(await orm.em.fork().count(Plan, {})).toBe(2);
    expect(await orm.em.fork().count(Task, { plan: v2.plan.id, removedAt: null })).toBe(125);
  });

  it('recognises a plan imported before the content hash, by re-reading its stored text, and fills its hash in', async () => {
    const text = seed('shaanxi-2016');
    const first = await intake.importText(text, { sourceName: 'shaanxi-2016.txt' });
    // as a row written before the migration (no content hash), whose bytes hash matches no copy sent now
    await orm.em.fork().nativeUpdate(Plan, { id: first.plan.id }, { contentSha256: null, sourceSha256: '0'.repeat(64) });

    const pdf = await intake.importFile(readFileSync(join(PDFS, 'shaanxi-2016.pdf')), 'shaanxi-2016.pdf');
    expect(pdf).toMatchObject({ created: false, plan: { id: first.plan.id } });
    expect((await orm.em.fork().findOneOrFail(Plan, first.plan.id)).contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await intake.importFile(planDocx(text), 'x.docx')).toMatchObject({ created: false, plan: { id: first.plan.id } });
  });
});
