import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { AuditLog } from '@duban/audit';
import type { AuthUser } from '@duban/auth';
import { ManualClock } from '@duban/clock';
import { Assignment, Department, Jurisdiction, ormConfig, Task, User } from '@duban/persistence';
import { freshDatabase } from '../../../test/support/database';
import { DepartmentService, JointMeetingService, PlanImportService } from '@duban/plans';
import { TaskAssignmentService } from './task-assignment.service';

const sample = (file: string) => readFileSync(join(__dirname, '..', '..', '..', 'seeds', 'plans', file), 'utf8');

describe('coordinating imported plans on a real PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let orm: MikroORM;
  let assignments: TaskAssignmentService;
  let departments: DepartmentService;
  let meetings: JointMeetingService;
  let importer: PlanImportService;
  let jilin: AuthUser;
  let qinghai: AuthUser;
  const clock = new ManualClock('2017-03-01T08:00:00Z');

  const coordinator = async (jurisdiction: string): Promise<AuthUser> => {
    const em = orm.em.fork();
    const j = await em.findOneOrFail(Jurisdiction, { name: jurisdiction });
    const user = em.create(User, { email: `coord-${j.id}@duban.local`, passwordHash: 'not used', role: 'coordinator', jurisdiction: j });
    await em.flush();
    return { id: user.id, email: user.email, role: 'coordinator', jurisdictionId: j.id, departmentId: null };
  };
  const departmentNamed = (jurisdictionId: string, name: string) => orm.em.fork().findOneOrFail(Department, { jurisdiction: jurisdictionId, name });

  beforeAll(async () => {
    db = await freshDatabase();
    orm = new MikroORM(ormConfig(db.url));
    importer = new PlanImportService(orm.em, clock);
    assignments = new TaskAssignmentService(orm.em, clock);
    const audit = new AuditLog(orm.em, clock);
    departments = new DepartmentService(orm.em, clock, audit);
    meetings = new JointMeetingService(orm.em, audit);
    await importer.importText(sample('jilin-2016.txt'));
    await importer.importText(sample('qinghai-2017.txt'));
    jilin = await coordinator('吉林省');
    qinghai = await coordinator('青海省');
    // a plan without clauses names no department: give Jilin some to assign
    const em = orm.em.fork();
    for (const name of ['省发展改革委', '省工业和信息化厅', '省科技厅', '各市人民政府']) em.create(Department, { jurisdiction: jilin.jurisdictionId!, name, nameKey: name, isCollective: name.startsWith('各') });
    await em.flush();
  });
  afterAll(async () => {
    await orm.close(true);
    await db.drop();
  });

  it('lists tasks without a lead, or held by a collective, in the coordinator’s own worklist', async () => {
    const mine = await assignments.worklist(jilin, { pageSize: 500 });
    const total = await orm.em.fork().count(Task, { jurisdiction: jilin.jurisdictionId });
    expect(mine.total).toBe(total);
    expect(mine.items.every((i) => i.reasons.includes('no_lead') && i.status === 'unassigned')).toBe(true);

    const theirs = await assignments.worklist(qinghai, { pageSize: 500 });
    expect(theirs.items.length).toBeGreaterThan(0);
    expect(theirs.items.every((i) => i.reasons.includes('collective') || i.reasons.includes('no_lead'))).toBe(true);
    expect(theirs.items.some((i) => i.co.some((d) => d.name === '各市(州)政府'))).toBe(true);
    const all = await assignments.worklist(null, { pageSize: 500 });
    expect(all.total).toBe(mine.total + theirs.total);
  });

  it('sets lead and co with a reason, takes the task off the worklist and records the change', async () => {
    const [task] = (await assignments.worklist(jilin, { pageSize: 1 })).items;
    const lead = await departmentNamed(jilin.jurisdictionId!, '省发展改革委');
    const co = await departmentNamed(jilin.jurisdictionId!, '省科技厅');
    clock.set('2017-03-02T09:00:00Z');
    const result = await assignments.setAssignments(jilin, task.id, { lead: [lead.id], co: [co.id], reason: '联席会议第一次会议分工' });
    expect(result).toMatchObject({ status: 'assigned', lead: [{ id: lead.id, name: '省发展改革委' }], co: [{ id: co.id, name: '省科技厅' }] });
    expect((await assignments.worklist(jilin, { pageSize: 500 })).items.map((i) => i.id)).not.toContain(task.id);

    const [event] = await assignments.history(jilin, task.id);
    expect(event).toMatchObject({
      type: 'assignments',
      actor: { id: jilin.id },
      at: new Date('2017-03-02T09:00:00Z'),
      before: { lead: [], co: [] },
      after: { lead: [{ id: lead.id, name: '省发展改革委' }], co: [{ id: co.id, name: '省科技厅' }] },
      reason: '联席会议第一次会议分工',
    });
  });

  it('refuses collectives, departments of other jurisdictions, overlaps and missing reasons', async () => {
    const [task] = (await assignments.worklist(jilin, { pageSize: 1 })).items;
    const collective = await departmentNamed(jilin.jurisdictionId!, '各市人民政府');
    const foreign = await departmentNamed(qinghai.jurisdictionId!, '省科技厅');
    const own = await departmentNamed(jilin.jurisdictionId!, '省科技厅');
    await expect(assignments.setAssignments(jilin, task.id, { lead: [collective.id], reason: 'x' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(assignments.setAssignments(jilin, task.id, { lead: [foreign.id], reason: 'x' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(assignments.setAssignments(jilin, task.id, { lead: [own.id], co: [own.id], reason: 'x' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(assignments.setAssignments(jilin, task.id, { lead: [own.id], reason: ' ' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(assignments.setAssignments(qinghai, task.id, { lead: [foreign.id], reason: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(assignments.setAssignments(jilin, '00000000-0000-4000-8000-000000000000', { lead: [own.id], reason: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await assignments.history(jilin, task.id)).toEqual([]);
  });

  it('changes a deadline with a reason and keeps before and after', async () => {
    const [task] = (await assignments.worklist(jilin, { pageSize: 1 })).items;
    await assignments.update(jilin, task.id, { deadline: '2018-06-30', reason: '省政府要求提前' });
    clock.advance(60_000);
    await assignments.update(jilin, task.id, { deadline: '2018-09-30', reason: '延期' });
    await expect(assignments.update(jilin, task.id, { deadline: '2018-02-30', reason: 'x' })).rejects.toMatchObject({ code: 'invalid' });
    const history = await assignments.history(jilin, task.id);
    expect(history.map((e) => [e.type, e.before, e.after, e.reason])).toEqual([
      ['deadline', { deadline: '2018-06-30' }, { deadline: '2018-09-30' }, '延期'],
      ['deadline', { deadline: task.deadline }, { deadline: '2018-06-30' }, '省政府要求提前'],
    ]);
    await expect(assignments.history(qinghai, task.id)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it("keeps each jurisdiction's departments with their reminder addresses", async () => {
    const list = await departments.list(qinghai);
    expect(list.every((d) => d.jurisdiction === '青海省')).toBe(true);
    expect(list.map((d) => d.name)).toContain('省科技厅');
    await expect(departments.list(qinghai, '吉林省')).rejects.toMatchObject({ code: 'forbidden' });
    expect((await departments.list(null, '吉林省')).map((d) => d.name)).toContain('省科技厅');

    const keji = list.find((d) => d.name === '省科技厅')!;
    const updated = await departments.setEmails(qinghai, keji.id, ['keji@qinghai.gov.cn', ' keji@qinghai.gov.cn ', 'office@keji.local']);
    expect(updated.emails).toEqual(['keji@qinghai.gov.cn', 'office@keji.local']);
    await expect(departments.setEmails(qinghai, keji.id, ['not an address'])).rejects.toMatchObject({ code: 'invalid' });
    await expect(departments.setEmails(jilin, keji.id, [])).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('merges two departments that are the same body: assignments move, the old name becomes its alias', async () => {
    const em = orm.em.fork();
    const j = qinghai.jurisdictionId!;
    const duplicate = em.create(Department, { jurisdiction: j, name: '青海省科学技术厅', nameKey: '青海省科学技术厅' });
    const keji = await em.findOneOrFail(Department, { jurisdiction: j, name: '省科技厅' });
    const held = await em.find(Assignment, { department: keji }, { populate: ['task'], limit: 2, orderBy: { task: { position: 'asc' } } });
    // one task held by both (the duplicate as lead, the survivor as co), one by the duplicate only
    const other = await em.findOneOrFail(Task, { jurisdiction: j, id: { $nin: (await em.find(Assignment, { department: keji })).map((a) => a.task.id) } });
    held[0].role = 'co';
    em.create(Assignment, { task: held[0].task, department: duplicate, role: 'lead' });
    em.create(Assignment, { task: other, department: duplicate, role: 'co', position: 9 });
    await em.flush();

    const merged = await departments.merge(qinghai, duplicate.id, keji.id, '同一单位');
    expect(merged.aliases).toContain('青海省科学技术厅');
    const after = orm.em.fork();
    expect(await after.count(Assignment, { department: duplicate.id })).toBe(0);
    expect(await after.findOneOrFail(Assignment, { task: held[0].task.id, department: keji.id })).toMatchObject({ role: 'lead' });
    expect(await after.findOneOrFail(Assignment, { task: other.id, department: keji.id })).toMatchObject({ role: 'co' });
    expect((await departments.list(qinghai)).map((d) => d.id)).not.toContain(duplicate.id);
    expect((await assignments.history(qinghai, other.id))[0]).toMatchObject({ type: 'department_merged', reason: '同一单位' });
    await expect(departments.merge(qinghai, duplicate.id, keji.id)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('resolves aliases coordinators add when a later plan is imported', async () => {
    const j = qinghai.jurisdictionId!;
    const target = await departmentNamed(j, '省经济和信息化委');
    const withAlias = await departments.addAlias(qinghai, target.id, '省经信委');
    expect(withAlias.aliases).toContain('省经信委');
    await expect(departments.addAlias(qinghai, (await departmentNamed(j, '省科技厅')).id, '省经信委')).rejects.toMatchObject({ code: 'conflict' });
    await expect(departments.addAlias(qinghai, target.id, '省发展改革委')).rejects.toMatchObject({ code: 'conflict' });

    const revised = sample('qinghai-2017.txt').replace('(牵头单位:省经济和信息化委;', '(牵头单位:省经信委;').replace('青政〔2017〕12号', '青政〔2017〕99号').replaceAll('关于积极推进', '关于加快推进');
    const { plan } = await importer.importText(revised);
    expect(plan.version).toBe(1);
    const em = orm.em.fork();
    expect(await em.count(Department, { jurisdiction: j, name: '省经信委' })).toBe(0);
    const leads = await em.find(Assignment, { task: { plan: plan.id }, role: 'lead', department: target.id });
    expect(leads.length).toBeGreaterThan(0);
  });

  it('creates one joint meeting per jurisdiction and lets its coordinator set the recipients', async () => {
    expect((await meetings.list(null)).map((m) => m.jurisdiction).sort()).toEqual(['吉林省', '青海省']);
    const [mine] = await meetings.list(qinghai);
    expect(mine).toMatchObject({ jurisdiction: '青海省', name: '青海省联席会议', recipients: [] });
    expect((await meetings.setRecipients(qinghai, mine.id, ['office@qh.gov.cn'])).recipients).toEqual(['office@qh.gov.cn']);
    await expect(meetings.setRecipients(jilin, mine.id, ['x@y.cn'])).rejects.toMatchObject({ code: 'forbidden' });
  });
});
