import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ManualClock } from '@duban/clock';
import { parsePlan } from '@duban/plan-parser';
import { Assignment, ormConfig, Plan, ProgressReport, Task, TaskEvent } from '@duban/persistence';
import { freshDatabase } from '../../../test/support/database';
import { PlanDraftService, PlanImportService } from '@duban/plans';
import { TaskAssignmentService } from './task-assignment.service';

const sample = (file: string) => readFileSync(join(__dirname, '..', '..', '..', 'seeds', 'plans', file), 'utf8');

/** A draft revision of a live plan: the live version stays live until the draft is published, then the revision applies as a direct import's would. */
describe('draft revisions on a real PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let orm: MikroORM;
  let importer: PlanImportService;
  let drafts: PlanDraftService;
  let assignments: TaskAssignmentService;
  const clock = new ManualClock('2017-06-01T00:00:00Z');

  beforeAll(async () => {
    db = await freshDatabase();
    orm = new MikroORM(ormConfig(db.url));
    importer = new PlanImportService(orm.em, clock);
    drafts = new PlanDraftService(orm.em, clock);
    assignments = new TaskAssignmentService(orm.em, clock);
  });
  afterAll(async () => {
    await orm.close(true);
    await db.drop();
  });

  it('keeps the live version live meanwhile, and publishing keeps ids, progress and the review’s corrections', async () => {
    const original = sample('qinghai-2017.txt');
    const v1 = (await importer.importText(original, { sourceName: 'qinghai-2017.txt' })).plan;
    expect(v1.status).toBe('published');
    const em = orm.em.fork();
    const [edited, kept, dropped] = await em.find(Task, { plan: v1.id }, { orderBy: { position: 'asc' } });
    const lead = await em.findOneOrFail(Assignment, { task: edited, role: 'lead' });
    em.create(ProgressReport, { task: edited, department: lead.department, percent: 30, summary: '已建成3个众创空间' });
    await em.flush();

    const revised = original
      .replace('1.加快构建众创空间。', '1.加快构建众创空间。2019年底前建成一批示范众创空间。')
      .replace(/^3\.营造创新创业社会氛围。.*$/m, '3.建设创业测试平台。推动建设面向中小企业的创业测试平台。');
    const draft = await importer.importText(revised, { sourceName: 'qinghai-2017-rev.txt', draft: true });
    expect(draft.plan).toMatchObject({ status: 'draft', version: 2, previousVersionId: v1.id, taskCount: parsePlan(revised).tasks.length });
    expect(draft.revision).toBeUndefined();
    expect(draft.findings).toEqual(expect.any(Array));
    // the same text again: the same draft, nothing written
    expect(await importer.importText(revised, { draft: true })).toMatchObject({ created: false, plan: { id: draft.plan.id, status: 'draft' }, findings: draft.findings });
    // a second, competing draft of the same plan
    const other = await importer.importText(revised.replace('建设创业测试平台。', '建设创业服务平台。'), { draft: true });

    const live = orm.em.fork();
    expect((await live.findOneOrFail(Plan, v1.id)).supersededBy).toBeNull();
    expect(await live.count(Task, { plan: v1.id, removedAt: null, draft: false })).toBe(v1.taskCount);
    const copies = await live.find(Task, { plan: draft.plan.id }, { orderBy: { position: 'asc' } });
    expect(copies.every((t) => t.draft)).toBe(true);

    // the review moves the deadline of the draft's copy of a live task
    await assignments.update(null, copies[1].id, { deadline: '2018-06-30', reason: '审核时更正时限' });
    const published = await drafts.publish(null, draft.plan.id);
    expect(published).toMatchObject({ id: draft.plan.id, status: 'published', taskCount: copies.length });
    expect(published.revision!.removed).toEqual([expect.objectContaining({ id: dropped.id })]);
    const added = published.revision!.added;
    expect(added).toEqual([expect.objectContaining({ id: copies[2].id, title: '建设创业测试平台' })]);

    const after = orm.em.fork();
    expect((await after.findOneOrFail(Plan, v1.id)).supersededBy?.id).toBe(draft.plan.id);
    const moved = await after.find(Task, { id: { $in: [edited.id, kept.id] } }, { orderBy: { position: 'asc' } });
    expect(moved.map((t) => [t.plan.id, t.draft, t.removedAt ?? null])).toEqual([
      [draft.plan.id, false, null],
      [draft.plan.id, false, null],
    ]);
    expect(moved[0].text).toContain('示范众创空间');
    expect(moved[1].deadline).toBe('2018-06-30');
    expect(await after.count(ProgressReport, { task: edited.id })).toBe(1);
    expect(await after.count(Task, { plan: draft.plan.id, removedAt: null })).toBe(copies.length);
    expect(await after.count(Task, { plan: draft.plan.id, draft: true })).toBe(0);
    // the draft's copies of live tasks are retired, their history kept
    const retired = await after.findOneOrFail(Task, copies[1].id);
    expect(retired.removedAt).toEqual(clock.now());
    expect((await after.find(TaskEvent, { task: retired }, { orderBy: { type: 'asc' } })).map((e) => e.type)).toEqual(['deadline', 'published_into']);

    await expect(drafts.publish(null, draft.plan.id)).rejects.toMatchObject({ code: 'conflict', details: { reason: 'already_published' } });
    await expect(drafts.publish(null, other.plan.id)).rejects.toMatchObject({ code: 'conflict', details: { reason: 'stale_draft' } });
  });

  it('refuses to publish a new plan’s draft once the same plan went live by a direct import meanwhile', async () => {
    const text = sample('shaanxi-2016.txt');
    const draft = await importer.importText(text, { draft: true });
    expect(draft.plan).toMatchObject({ status: 'draft', version: 1, previousVersionId: null });
    const live = await importer.importText(text.replace('加快推动', '加快推进'));
    expect(live.plan).toMatchObject({ status: 'published', version: 1, previousVersionId: null });
    await expect(drafts.publish(null, draft.plan.id)).rejects.toMatchObject({ code: 'conflict', details: { reason: 'stale_draft', currentVersionId: live.plan.id } });
    // nothing of the draft went live
    expect(await orm.em.fork().count(Task, { plan: draft.plan.id, draft: false })).toBe(0);
  });
});
