import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ManualClock } from '@duban/clock';
import { DomainError } from '@duban/domain';
import { parsePlan } from '@duban/plan-parser';
import { Assignment, Department, JointMeeting, ormConfig, Plan, ProgressReport, Task, TaskEvent } from '@duban/persistence';
import { freshDatabase } from '../../../test/support/database';
import { departmentKeys } from './department-names';
import { PlanImportService } from './plan-import.service';
// the one spec here that uses @duban/tasks: a coordinator's hand edit must survive a revision
import { TaskAssignmentService } from '@duban/tasks';

const SEEDS = join(__dirname, '..', '..', '..', 'seeds', 'plans');
const sample = (file: string) => readFileSync(join(SEEDS, file), 'utf8');
const TABLES = ['jurisdiction', 'joint_meeting', 'department', 'department_alias', 'plan', 'key_area', 'task', 'assignment', 'task_event'];

describe('plan import on a real PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let orm: MikroORM;
  let importer: PlanImportService;
  const clock = new ManualClock('2017-06-01T00:00:00Z');

  const counts = async () => {
    const rows = await orm.em.fork().execute<{ t: string; n: string }[]>(TABLES.map((t) => `select '${t}' as t, count(*) as n from ${t}`).join(' union all '));
    return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
  };

  beforeAll(async () => {
    db = await freshDatabase();
    orm = new MikroORM(ormConfig(db.url));
    importer = new PlanImportService(orm.em, clock);
  });
  afterAll(async () => {
    await orm.close(true);
    await db.drop();
  });

  it('imports all five sample plans with the parser’s task counts, departments and assignments', async () => {
    const imported: Record<string, number> = {};
    for (const file of readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort()) {
      const text = sample(file);
      const parsed = parsePlan(text);
      const { created, plan } = await importer.importText(text, { sourceName: file });
      expect(created).toBe(true);
      expect(plan).toMatchObject({ title: parsed.plan.title, taskCount: parsed.tasks.length, version: 1 });

      const em = orm.em.fork();
      const tasks = await em.find(Task, { plan: plan.id }, { orderBy: { position: 'asc' } });
      expect(tasks.map((t) => [t.title, t.kind, t.deadline ?? null])).toEqual(parsed.tasks.map((t) => [t.title, t.kind, t.deadline]));
      const assignments = await em.find(Assignment, { task: { $in: tasks.map((t) => t.id) } }, { populate: ['department'] });
      // two spellings of one department in one clause are one assignment
      const wanted = parsed.tasks.flatMap((t, i) => [...new Set([...t.lead, ...t.co].map((n) => `${i}:${departmentKeys(n).at(-1)}`))]);
      expect(assignments).toHaveLength(wanted.length);
      const leads = tasks.map((t) => assignments.filter((a) => a.task.id === t.id && a.role === 'lead').length);
      expect(leads.filter((n) => n > 0).length).toBe(parsed.tasks.filter((t) => t.lead.length > 0).length);
      expect(await em.count(JointMeeting, { jurisdiction: plan.jurisdictionId })).toBe(1);
      imported[file] = plan.taskCount;
    }
    process.stdout.write(`imported task counts: ${JSON.stringify(imported)}\n`);
    expect(Object.keys(imported)).toHaveLength(5);
  });

  it('writes each task and assignment as the entities did: key area, status, role order, defaults', async () => {
    // the set-based insert (one statement for tasks and assignments) against what the parser says
    const text = sample('qinghai-2017.txt');
    const parsed = parsePlan(text);
    const em = orm.em.fork();
    const plan = await em.findOneOrFail(Plan, { sourceName: 'qinghai-2017.txt' });
    const tasks = await em.find(Task, { plan }, { populate: ['keyArea'], orderBy: { position: 'asc' } });
    const assignments = await em.find(Assignment, { task: { $in: tasks.map((t) => t.id) } }, { populate: ['department'], orderBy: { role: 'desc', position: 'asc' } });
    expect(tasks.map((t) => t.position)).toEqual(parsed.tasks.map((_, i) => i + 1));
    for (const [i, task] of tasks.entries()) {
      const doc = parsed.tasks[i];
      expect([task.keyArea.title, task.jurisdiction.id, task.version, task.draft, task.removedAt ?? null, task.escalationLevel ?? null]).toEqual([doc.section, plan.jurisdiction.id, 1, false, null, null]);
      expect(task.unread).toEqual([...((doc as { unread?: string[] }).unread ?? [])]);
      const own = assignments.filter((a) => a.task.id === task.id);
      // lead before co, each in the document's order; a department named twice keeps its first role
      const seen = new Set<string>();
      const wanted = [...doc.lead.map((n) => ['lead', n]), ...doc.co.map((n) => ['co', n])]
        .map(([role, n]) => [role, departmentKeys(n).at(-1)!])
        .filter(([, key]) => !seen.has(key) && seen.add(key));
      expect(own.map((a) => [a.role, a.department.nameKey])).toEqual(wanted);
      expect(own.filter((a) => a.role === 'lead').map((a) => a.position)).toEqual(own.filter((a) => a.role === 'lead').map((_, p) => p));
      const led = own.some((a) => a.role === 'lead' && !a.department.isCollective);
      expect(task.status).toBe(led ? 'assigned' : 'unassigned');
    }
    expect(new Set(tasks.map((t) => t.keyArea.id)).size).toBe(new Set(parsed.tasks.map((t) => t.section)).size);
  });

  it('creates one department per canonical name per jurisdiction and marks collectives', async () => {
    const em = orm.em.fork();
    const qinghai = await em.findOneOrFail(Plan, { title: { $like: '青海%' } });
    const departments = await em.find(Department, { jurisdiction: qinghai.jurisdiction });
    const names = departments.map((d) => d.name);
    expect(new Set(departments.map((d) => d.nameKey)).size).toBe(departments.length);
    expect(names).toEqual(expect.arrayContaining(['省科技厅', '省发展改革委', '人行西宁中心支行', '各市(州)政府']));
    expect(departments.find((d) => d.name === '各市(州)政府')!.isCollective).toBe(true);
    expect(departments.find((d) => d.name === '省科技厅')!.isCollective).toBe(false);
  });

  it('answers the same text again with the same plan and creates nothing', async () => {
    const before = await counts();
    const text = sample('qinghai-2017.txt');
    const first = await orm.em.fork().findOneOrFail(Plan, { sourceName: 'qinghai-2017.txt' });
    const again = await importer.importText(text);
    expect(again.created).toBe(false);
    expect(again.plan.id).toBe(first.id);
    // line endings and a byte-order mark do not make a different document
    expect((await importer.importText('\uFEFF' + text.replace(/\n/g, '\r\n'))).plan.id).toBe(first.id);
    // nor do blank lines and indentation (a file read line by line vs the same text pasted)
    expect((await importer.importText(text.replace(/\n/g, '\n\n  '))).plan.id).toBe(first.id);
    expect(await counts()).toEqual(before);
  });

  it('imports a plan once when the same text is posted concurrently', async () => {
    const text = sample('shaanxi-2016.txt').replaceAll('陕西', '甘肃');
    const results = await Promise.all([1, 2, 3].map(() => importer.importText(text)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.plan.id)).size).toBe(1);
    expect(await orm.em.fork().count(Plan, { jurisdiction: { name: '甘肃省' } })).toBe(1);
  });

  it('leaves no row behind when the import fails half-way', async () => {
    const conn = orm.em.fork();
    await conn.execute(`create function fail_insert() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`);
    await conn.execute(`create trigger fail_assignment before insert on assignment for each row execute function fail_insert()`);
    const before = await counts();
    const text = sample('shaanxi-2016.txt').replaceAll('陕西', '宁夏');
    try {
      await expect(importer.importText(text)).rejects.toThrow(/injected failure/);
    } finally {
      await conn.execute('drop trigger fail_assignment on assignment');
    }
    expect(await counts()).toEqual(before);
    expect((await importer.importText(text)).created).toBe(true);
  });

  it('turns a revision into a new version: matching tasks keep id, assignments and progress', async () => {
    const em = orm.em.fork();
    const original = sample('qinghai-2017.txt');
    const v1 = await em.findOneOrFail(Plan, { sourceName: 'qinghai-2017.txt' });
    const tasks = await em.find(Task, { plan: v1 }, { orderBy: { position: 'asc' } });
    const [edited, kept, dropped] = tasks;
    const lead = await em.findOneOrFail(Assignment, { task: edited, role: 'lead' }, { populate: ['department'] });
    em.create(ProgressReport, { task: edited, department: lead.department, percent: 30, summary: '已建成3个众创空间' });
    await em.flush();
    // the 协同制造 key area changes its co departments; one of its tasks was assigned by hand before
    const manufacturing = await em.find(Task, { plan: v1, keyArea: { title: '“互联网+”协同制造' } }, { orderBy: { position: 'asc' } });
    const commerce = await em.findOneOrFail(Department, { jurisdiction: v1.jurisdiction, name: '省商务厅' });
    await new TaskAssignmentService(orm.em, clock).setAssignments(null, manufacturing[0].id, { lead: [commerce.id], reason: '商务厅牵头' });

    const revised = original
      .replace('1.加快构建众创空间。', '1.加快构建众创空间。2019年底前建成一批示范众创空间。')
      .replace(/^3\.营造创新创业社会氛围。.*$/m, '3.建设创业测试平台。推动建设面向中小企业的创业测试平台。')
      .replace('协同制造(牵头单位:省经济和信息化委;责任单位:省发展改革委、省科技厅', '协同制造(牵头单位:省经济和信息化委;责任单位:省发展改革委、省财政厅');
    const result = await importer.importText(revised, { sourceName: 'qinghai-2017-rev.txt' });
    expect(result.created).toBe(true);
    expect(result.plan).toMatchObject({ version: 2, previousVersionId: v1.id, taskCount: parsePlan(revised).tasks.length });
    expect(result.revision!.previousPlanId).toBe(v1.id);
    expect(result.revision!.changed).toEqual([
      expect.objectContaining({ id: edited.id, fields: expect.arrayContaining(['text']) }),
      ...manufacturing.slice(1).map((t) => expect.objectContaining({ id: t.id, fields: ['assignments'] })),
    ]);
    expect(result.revision!.removed).toEqual([expect.objectContaining({ id: dropped.id, title: '营造创新创业社会氛围' })]);
    expect(result.revision!.added).toEqual([expect.objectContaining({ title: '建设创业测试平台' })]);

    const after = orm.em.fork();
    const moved = await after.find(Task, { id: { $in: [edited.id, kept.id] } });
    expect(moved.map((t) => t.plan.id)).toEqual([result.plan.id, result.plan.id]);
    expect(moved.find((t) => t.id === edited.id)!.text).toContain('示范众创空间');
    expect(await after.count(ProgressReport, { task: edited.id })).toBe(1);
    expect(await after.count(Assignment, { task: edited.id, department: lead.department.id, role: 'lead' })).toBe(1);
    expect((await after.findOneOrFail(Task, dropped.id)).removedAt).toEqual(clock.now());
    const names = async (task: Task) => (await after.find(Assignment, { task }, { populate: ['department'], orderBy: { role: 'desc', position: 'asc' } })).map((a) => `${a.role}:${a.department.name}`);
    expect(await names(manufacturing[0])).toEqual(['lead:省商务厅']);
    expect(await names(manufacturing[1])).toEqual(['lead:省经济和信息化委', 'co:省发展改革委', 'co:省财政厅']);
    expect((await after.findOneOrFail(Plan, v1.id)).supersededBy?.id).toBe(result.plan.id);
    expect(await after.find(TaskEvent, { task: { $in: [edited.id, dropped.id] } }, { orderBy: { type: 'asc' } })).toEqual([
      expect.objectContaining({ type: 'removed' }),
      expect.objectContaining({ type: 'revised', before: expect.objectContaining({ text: edited.text }) }),
    ]);
    // importing the revision again is the same no-op as any repeat
    expect((await importer.importText(revised)).plan.id).toBe(result.plan.id);
  });

  it('refuses what is not a plan with a reason', async () => {
    const before = await counts();
    await expect(importer.importText('   ')).rejects.toMatchObject({ code: 'invalid' });
    await expect(importer.importText('今天天气很好。我们去公园散步。')).rejects.toMatchObject({ code: 'invalid', message: expect.any(String) });
    await expect(importer.importText('字'.repeat(2_000_000))).rejects.toMatchObject({ code: 'invalid', details: { reason: 'too_large' } });
    await expect(importer.importText('x')).rejects.toBeInstanceOf(DomainError);
    expect(await counts()).toEqual(before);
  });
});
