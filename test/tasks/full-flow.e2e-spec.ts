import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Clock, ManualClock } from '@duban/clock';
import { startTestApi, type TestApi } from '../support/app';
import { type Client, client, login } from '../support/auth';

const ADMIN = { email: 'admin@example.org', password: 'admin-password-for-flow' };
const plan = (file: string) => readFileSync(join(__dirname, '../../seeds/plans', file), 'utf8');
const clock = new ManualClock('2017-03-01T09:00:00+08:00');

interface Item {
  id: string;
  title: string;
  deadline: string | null;
  status: string;
  overdue: boolean;
  daysOverdue: number;
  lead: { id: string; name: string }[];
  co: { id: string; name: string }[];
}

/**
 * The whole story on the real app, a real PostgreSQL and Redis: a coordinator imports 青海省's
 * plan and hands a task to 省卫生计生委; it signs, reports with its co department, gets an
 * extension, asks to close, is sent back once, is closed on time; years later the overdue review
 * and the scorecard agree with the task list, and nobody sees what is not theirs.
 */
describe('from plan import to the scorecard', () => {
  let api: TestApi;
  let admin: Client;
  let coord: Client;
  let lead: Client;
  let co: Client;
  let former: Client;
  let taskId: string;
  let planId: string;
  const departments: Record<string, string> = {};

  beforeAll(async () => {
    process.env.ADMIN_EMAIL = ADMIN.email;
    process.env.ADMIN_PASSWORD = ADMIN.password;
    api = await startTestApi((b) => b.overrideProvider(Clock).useValue(clock));
    admin = client(api, await login(api, ADMIN.email, ADMIN.password));
  });
  afterAll(() => api.close());

  async function user(email: string, body: object): Promise<Client> {
    await admin.post('/api/users', { email, password: 'flow-password-1', ...body }).expect(201);
    return client(api, await login(api, email, 'flow-password-1'));
  }

  async function allTasks(c: Client, query = ''): Promise<{ total: number; items: Item[] }> {
    return (await c.get(`/api/tasks?pageSize=200&planId=${planId}${query}`).expect(200)).body;
  }

  it('imports the plan and lets the coordinator hand a task to a department', async () => {
    coord = await user('office@qinghai.example.org', { role: 'coordinator', jurisdiction: '青海省' });
    const imported = await coord.post('/api/plans', { text: plan('qinghai-2017.txt'), sourceName: 'qinghai-2017.txt' }).expect(201);
    expect(imported.body).toMatchObject({ jurisdiction: '青海省', taskCount: expect.any(Number) });
    planId = imported.body.id;
    const { items, total } = await allTasks(coord);
    expect(total).toBe(imported.body.taskCount);
    const task = items.find((t) => t.title === '远程医疗建设工程')!;
    expect(task).toMatchObject({ deadline: '2017-12-31', status: 'assigned', overdue: false });
    taskId = task.id;
    for (const d of (await coord.get('/api/departments?jurisdiction=青海省').expect(200)).body) departments[d.name] = d.id;

    await coord.put(`/api/tasks/${taskId}/assignments`, { lead: [departments['省卫生计生委']], co: [departments['省发展改革委']], reason: '远程医疗由卫生计生委牵头' }).expect(200);
    lead = await user('wsjsw@qinghai.example.org', { role: 'department', departmentId: departments['省卫生计生委'] });
    co = await user('fgw@qinghai.example.org', { role: 'department', departmentId: departments['省发展改革委'] });
    former = await user('czt@qinghai.example.org', { role: 'department', departmentId: departments['省财政厅'] });
    const detail = (await lead.get(`/api/tasks/${taskId}`).expect(200)).body;
    expect(detail).toMatchObject({ lead: [{ name: '省卫生计生委' }], co: [{ name: '省发展改革委' }] });
    // 省财政厅 led it in the document; after the reassignment the task is no longer its business
    await former.get(`/api/tasks/${taskId}`).expect(403);
  });

  it('the lead signs for it and lead and co report progress', async () => {
    await co.post(`/api/tasks/${taskId}/accept`).expect(403);
    const { headers } = await lead.get(`/api/tasks/${taskId}`).expect(200);
    expect((await lead.post(`/api/tasks/${taskId}/accept`).set('If-Match', headers.etag).expect(200)).body.status).toBe('accepted');
    await lead.post(`/api/tasks/${taskId}/progress`, { percent: 20, summary: '完成远程医疗平台需求调研', nextSteps: '招标' }).expect(201);
    await co.post(`/api/tasks/${taskId}/progress`, { percent: 30, summary: '项目已列入年度投资计划' }).expect(201);
    const detail = (await coord.get(`/api/tasks/${taskId}`).expect(200)).body;
    expect(detail.status).toBe('in_progress');
    expect(detail.lead[0].latestProgress.percent).toBe(20);
    expect(detail.co[0].latestProgress.percent).toBe(30);
  });

  it('the lead asks for an extension before the deadline and the coordinator approves it', async () => {
    clock.set('2017-12-20T10:00:00+08:00');
    const asked = await lead.post(`/api/tasks/${taskId}/extension-requests`, { newDeadline: '2018-06-30', reason: '设备采购周期长' }).expect(201);
    await co.post(`/api/tasks/${taskId}/extension-requests/${asked.body.id}/approve`).expect(403);
    await coord.post(`/api/tasks/${taskId}/extension-requests/${asked.body.id}/approve`, { reason: '同意延期' }).expect(200);
    clock.set('2018-01-15T10:00:00+08:00');
    expect((await coord.get(`/api/tasks/${taskId}`).expect(200)).body).toMatchObject({ deadline: '2018-06-30', overdue: false, daysOverdue: 0 });
    expect((await coord.get('/api/review/overdue').expect(200)).body.total).toBe(0);
    const history = (await coord.get(`/api/tasks/${taskId}/history`).expect(200)).body;
    expect(history.find((e: { type: string }) => e.type === 'extension_approved')).toMatchObject({ before: { deadline: '2017-12-31' }, after: { deadline: '2018-06-30' } });
  });

  it('the lead asks to close; the coordinator sends it back once, then closes it (销号) on time', async () => {
    clock.set('2018-06-20T10:00:00+08:00');
    await lead.post(`/api/tasks/${taskId}/progress`, { percent: 100, summary: '平台已上线' }).expect(201);
    await lead.post(`/api/tasks/${taskId}/request-completion`).expect(200);
    expect((await coord.post(`/api/tasks/${taskId}/return`, { reason: '请补充验收报告' }).expect(200)).body.status).toBe('in_progress');
    await lead.post(`/api/tasks/${taskId}/request-completion`, { reason: '已补充验收报告' }).expect(200);
    expect((await coord.post(`/api/tasks/${taskId}/approve-completion`).expect(200)).body.status).toBe('completed');
  });

  it('years later, the overdue review and the scorecard agree with the task list', async () => {
    clock.set('2021-01-10T10:00:00+08:00');
    const open = (await allTasks(coord, '&overdue=true')).items;
    expect(open.length).toBeGreaterThan(100);
    expect(open.every((t) => t.deadline === '2020-12-31' && t.daysOverdue === 10)).toBe(true);

    const review = (await coord.get(`/api/review/overdue?planId=${planId}&pageSize=200`).expect(200)).body;
    expect(review.total).toBe(open.length);
    expect(review.items.map((t: Item) => t.id).sort()).toEqual(open.map((t) => t.id).sort());
    expect(review.items.some((t: Item) => t.id === taskId)).toBe(false);
    expect((await coord.get('/api/review/overdue?minDaysOverdue=11').expect(200)).body.total).toBe(0);

    const fgwOverdue = (await coord.get(`/api/review/overdue?departmentId=${departments['省发展改革委']}&pageSize=200`).expect(200)).body;
    expect(fgwOverdue.total).toBe((await allTasks(coord, `&departmentId=${departments['省发展改革委']}&overdue=true`)).total);

    const scores = (await coord.get(`/api/scorecards/departments?planId=${planId}`).expect(200)).body;
    const score = (name: string) => scores.find((s: { name: string }) => s.name === name);
    for (const name of ['省卫生计生委', '省发展改革委', '省财政厅']) {
      const theirs = (await allTasks(coord, `&departmentId=${departments[name]}`)).items;
      const done = theirs.filter((t) => t.status === 'completed').length;
      expect(score(name)).toMatchObject({
        asLead: theirs.filter((t) => t.lead.some((d) => d.name === name)).length,
        asCo: theirs.filter((t) => t.co.some((d) => d.name === name)).length,
        completed: done,
        completedOnTime: done,
        overdue: theirs.filter((t) => t.overdue).length,
        noReportIn30Days: theirs.length - done,
      });
    }
    expect(score('省卫生计生委')).toMatchObject({ asLead: 1, completed: 1, completedOnTime: 1 });
    expect(score('省发展改革委').lastReportAt).toBe('2017-03-01T01:00:00.000Z');
  });

  it('keeps each caller to its own: departments, observers and another jurisdiction', async () => {
    const observer = await user('observer@qinghai.example.org', { role: 'observer', jurisdiction: '青海省' });
    expect((await observer.get('/api/review/overdue').expect(200)).body.total).toBeGreaterThan(100);
    await observer.post(`/api/tasks/${taskId}/approve-completion`).expect(403);
    const leadTasks = (await lead.get('/api/tasks?pageSize=200').expect(200)).body.items as Item[];
    expect(leadTasks.every((t) => [...t.lead, ...t.co].some((d) => d.name === '省卫生计生委'))).toBe(true);
    await lead.get('/api/review/overdue').expect(403);

    const shaanxi = await user('office@shaanxi.example.org', { role: 'coordinator', jurisdiction: '陕西省' });
    await shaanxi.post('/api/plans', { text: plan('shaanxi-2016.txt'), sourceName: 'shaanxi-2016.txt' }).expect(201);
    await shaanxi.get(`/api/tasks/${taskId}`).expect(403);
    const theirs = (await shaanxi.get('/api/tasks?pageSize=200').expect(200)).body.items as Item[];
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.some((t) => t.id === taskId)).toBe(false);
    const scorecard = (await shaanxi.get('/api/scorecards/departments').expect(200)).body;
    const qinghai = new Set(Object.values(departments));
    expect(scorecard.length).toBeGreaterThan(0);
    expect(scorecard.filter((s: { id: string }) => qinghai.has(s.id))).toEqual([]);
  });
});
