import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/app';
import { login } from '../support/auth';

const ADMIN = { email: 'admin@plans.test', password: 'a long admin password' };
const sample = (file: string) => readFileSync(join(__dirname, '..', '..', 'seeds', 'plans', file), 'utf8');

describe('plans, departments, joint meetings and assignments over HTTP', () => {
  let api: TestApi;
  let admin: string;
  let coordinator: string;
  let observer: string;
  let qinghaiPlan: { id: string };
  let jilinPlan: { id: string };

  const as = (token: string) => ({
    get: (url: string) => request(api.http).get(url).set('Authorization', token),
    post: (url: string, body: object) => request(api.http).post(url).set('Authorization', token).send(body),
    put: (url: string, body: object) => request(api.http).put(url).set('Authorization', token).send(body),
    patch: (url: string, body: object) => request(api.http).patch(url).set('Authorization', token).send(body),
  });
  const user = async (body: { email: string; role: string; jurisdiction?: string }) => {
    await as(admin).post('/api/users', { password: 'plans-e2e-secret-7', ...body }).expect(201);
    return login(api, body.email, 'plans-e2e-secret-7');
  };

  beforeAll(async () => {
    process.env.ADMIN_EMAIL = ADMIN.email;
    process.env.ADMIN_PASSWORD = ADMIN.password;
    api = await startTestApi();
    admin = await login(api, ADMIN.email, ADMIN.password);
    qinghaiPlan = (await as(admin).post('/api/plans', { text: sample('qinghai-2017.txt'), sourceName: 'qinghai-2017.txt' }).expect(201)).body;
    jilinPlan = (await as(admin).post('/api/plans', { text: sample('jilin-2016.txt') }).expect(201)).body;
    coordinator = await user({ email: 'coord@qh.test', role: 'coordinator', jurisdiction: '青海省' });
    observer = await user({ email: 'observer@qh.test', role: 'observer', jurisdiction: '青海省' });
  });
  afterAll(() => api.close());

  it('imports a plan: 201 with the contract’s fields, the same text again 200 with the same plan', async () => {
    expect(qinghaiPlan).toMatchObject({ id: expect.any(String), title: '青海省人民政府关于积极推进“互联网＋”行动的实施意见', jurisdiction: '青海省', taskCount: 125 });
    const again = await as(coordinator).post('/api/plans', { text: sample('qinghai-2017.txt') }).expect(200);
    expect(again.body).toMatchObject({ id: qinghaiPlan.id, taskCount: 125, created: false });
  });

  it('answers bad input with problem+json 400 that says what is wrong', async () => {
    const notPlan = await as(admin).post('/api/plans', { text: '今天天气很好。' }).expect(400);
    expect(notPlan.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(notPlan.body).toMatchObject({ status: 400, detail: expect.stringMatching(/plan/), reason: 'no_plan', errors: [{ field: 'text' }] });
    const missing = await as(admin).post('/api/plans', { sourceName: 'x.txt' }).expect(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('text');
    const huge = await as(admin).post('/api/plans', { text: '一、重点任务\n'.repeat(700_000) }).expect(400);
    expect(huge.body).toMatchObject({ status: 400, reason: 'too_large', errors: [{ field: 'text' }] });
    const binary = await as(admin).post('/api/plans', { text: '\u0000\u0001\u0002PK\u0003\u0004' }).expect(400);
    expect(binary.body.errors).toEqual([expect.objectContaining({ field: 'text' })]);
  });

  it('keeps coordinators to their own jurisdiction', async () => {
    const plans = (await as(coordinator).get('/api/plans').expect(200)).body;
    expect(plans.map((p: { id: string }) => p.id)).toEqual([qinghaiPlan.id]);
    await as(coordinator).get(`/api/plans/${jilinPlan.id}`).expect(403);
    await as(coordinator).get('/api/plans/00000000-0000-4000-8000-000000000000').expect(404);
    await as(coordinator).post('/api/plans', { text: sample('shaanxi-2016.txt') }).expect(403);
    await as(observer).post('/api/plans', { text: sample('shaanxi-2016.txt') }).expect(403);
    const detail = (await as(observer).get(`/api/plans/${qinghaiPlan.id}`).expect(200)).body;
    expect(detail.keyAreas.reduce((n: number, a: { taskCount: number }) => n + a.taskCount, 0)).toBe(125);
  });

  it('lists the department directory and sets where reminders go', async () => {
    const list = (await as(coordinator).get(`/api/departments?jurisdiction=${encodeURIComponent('青海省')}`).expect(200)).body;
    const keji = list.find((d: { name: string }) => d.name === '省科技厅');
    expect(keji).toMatchObject({ id: expect.any(String), jurisdiction: '青海省', emails: [] });
    await as(coordinator).get(`/api/departments?jurisdiction=${encodeURIComponent('吉林省')}`).expect(403);
    const patched = await as(coordinator).patch(`/api/departments/${keji.id}`, { emails: ['keji@qinghai.gov.cn'] }).expect(200);
    expect(patched.body.emails).toEqual(['keji@qinghai.gov.cn']);
    await as(coordinator).patch(`/api/departments/${keji.id}`, { emails: ['nope'] }).expect(400);
    await as(observer).patch(`/api/departments/${keji.id}`, { emails: [] }).expect(403);

    const alias = await as(coordinator).post(`/api/departments/${keji.id}/aliases`, { alias: '青海省科学技术厅' }).expect(200);
    expect(alias.body.aliases).toEqual(['青海省科学技术厅']);
    const other = list.find((d: { name: string; isCollective: boolean }) => d.name !== '省科技厅' && !d.isCollective);
    const merged = await as(coordinator).post(`/api/departments/${other.id}/merge`, { into: keji.id, reason: '测试合并' }).expect(200);
    expect(merged.body.aliases).toContain(other.name);
  });

  it('works the unassigned list: set lead and co, then the deadline, each with its history', async () => {
    const worklist = (await as(coordinator).get('/api/review/unassigned?pageSize=500').expect(200)).body;
    expect(worklist.total).toBeGreaterThan(0);
    const task = worklist.items.find((i: { reasons: string[] }) => i.reasons.includes('collective'));
    const departments = (await as(coordinator).get('/api/departments').expect(200)).body.filter((d: { isCollective: boolean }) => !d.isCollective);
    const [lead, co] = departments;

    await as(coordinator).put(`/api/tasks/${task.id}/assignments`, { lead: [lead.id], co: [co.id] }).expect(400);
    const set = await as(coordinator).put(`/api/tasks/${task.id}/assignments`, { lead: [lead.id], co: [co.id], reason: '明确责任单位' }).expect(200);
    expect(set.body).toMatchObject({ lead: [{ id: lead.id }], co: [{ id: co.id }] });
    await as(observer).put(`/api/tasks/${task.id}/assignments`, { lead: [lead.id], reason: 'x' }).expect(403);

    await as(coordinator).patch(`/api/tasks/${task.id}`, { deadline: '2019-06-30', reason: '联席会议决定' }).expect(200);
    await as(coordinator).patch(`/api/tasks/${task.id}`, { deadline: '30/06/2019', reason: 'x' }).expect(400);
    const history = (await as(observer).get(`/api/tasks/${task.id}/history`).expect(200)).body;
    expect(history.map((e: { type: string }) => e.type)).toEqual(['deadline', 'assignments']);
    expect(history[1]).toMatchObject({ actor: { email: 'coord@qh.test' }, reason: '明确责任单位', after: { lead: [{ id: lead.id }] } });
    const after = (await as(coordinator).get('/api/review/unassigned?pageSize=500').expect(200)).body;
    expect(after.items.map((i: { id: string }) => i.id)).not.toContain(task.id);
  });

  it('shows each jurisdiction’s joint meeting and lets its coordinator set the recipients', async () => {
    const mine = (await as(coordinator).get('/api/joint-meetings').expect(200)).body;
    expect(mine).toEqual([expect.objectContaining({ jurisdiction: '青海省', recipients: [] })]);
    expect((await as(admin).get('/api/joint-meetings').expect(200)).body).toHaveLength(2);
    const res = await as(coordinator).patch(`/api/joint-meetings/${mine[0].id}`, { recipients: ['office@qh.gov.cn'] }).expect(200);
    expect(res.body.recipients).toEqual(['office@qh.gov.cn']);
    await as(observer).patch(`/api/joint-meetings/${mine[0].id}`, { recipients: [] }).expect(403);
  });
});
