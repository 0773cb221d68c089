import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Clock, ManualClock } from '@duban/clock';
import { startTestApi, type TestApi } from '../support/app';
import { type Client, client, login } from '../support/auth';

/**
 * A plan's versions as a coordinator meets them: the plan list shows each plan once (its current
 * version, with its number), earlier versions on request; a draft revision's copies of live tasks
 * are gone once it is published, and their ids say where the live task is.
 */
const ADMIN = { email: 'admin@revisions.test', password: 'a long admin password' };
const original = readFileSync(join(__dirname, '..', '..', 'seeds', 'plans', 'qinghai-2017.txt'), 'utf8');
const revised = original
  .replace('1.加快构建众创空间。', '1.加快构建众创空间。2019年底前建成一批示范众创空间。')
  .replace(/^3\.营造创新创业社会氛围。.*$/m, '3.建设创业测试平台。推动建设面向中小企业的创业测试平台。');
const CJK = /[\u4e00-\u9fff]/;

interface PlanRow {
  id: string;
  version: number;
  status: string;
  taskCount: number;
  previousVersionId: string | null;
  supersededById: string | null;
}

describe('plan versions and draft revisions over HTTP', () => {
  let api: TestApi;
  let admin: Client;
  let coordinator: Client;
  let observer: Client;
  let keji: Client;
  let v1: PlanRow;
  let draft: PlanRow;
  let copy: { id: string; title: string };
  let live: { id: string; title: string };

  const user = async (email: string, body: object) => {
    await admin.post('/api/users', { email, password: 'a-long-revisions-password-42', ...body }).expect(201);
    return client(api, await login(api, email, 'a-long-revisions-password-42'));
  };
  const ids = (rows: PlanRow[]) => rows.map((p) => p.id);

  beforeAll(async () => {
    process.env.ADMIN_EMAIL = ADMIN.email;
    process.env.ADMIN_PASSWORD = ADMIN.password;
    api = await startTestApi((b) => b.overrideProvider(Clock).useValue(new ManualClock('2017-06-01T00:00:00Z')));
    admin = client(api, await login(api, ADMIN.email, ADMIN.password));
    v1 = (await admin.post('/api/plans', { text: original, sourceName: 'qinghai-2017.txt' }).expect(201)).body;
    coordinator = await user('coord@revisions.test', { role: 'coordinator', jurisdiction: '青海省' });
    observer = await user('observer@revisions.test', { role: 'observer', jurisdiction: '青海省' });
    const departments = (await coordinator.get(`/api/departments?jurisdiction=${encodeURIComponent('青海省')}`).expect(200)).body;
    keji = await user('keji@revisions.test', { role: 'department', departmentId: departments.find((d: { name: string }) => d.name === '省科技厅').id });
  });
  afterAll(() => api?.close());

  it('lists a draft revision beside the live version it would replace, to the coordinators only', async () => {
    draft = (await coordinator.post('/api/plans', { text: revised, draft: true }).expect(201)).body;
    expect(draft).toMatchObject({ status: 'draft', version: 2, previousVersionId: v1.id });
    expect(ids((await coordinator.get('/api/plans').expect(200)).body)).toEqual([draft.id, v1.id]);
    expect(ids((await observer.get('/api/plans').expect(200)).body)).toEqual([v1.id]);
    expect(ids((await observer.get(`/api/plans/${v1.id}/revisions`).expect(200)).body)).toEqual([v1.id]);
  });

  it('after publishing, lists the plan once as its new version; earlier versions with includeSuperseded or under /revisions', async () => {
    const items = (await coordinator.get(`/api/tasks?planId=${draft.id}&pageSize=200`).expect(200)).body.items;
    copy = items[1];
    await coordinator.patch(`/api/tasks/${copy.id}`, { deadline: '2018-06-30', reason: '审核时更正时限' }).expect(200);
    await coordinator.post(`/api/plans/${draft.id}/publish`).expect(200);

    for (const who of [coordinator, observer]) {
      const list = await who.get('/api/plans').expect(200);
      expect(list.body).toEqual([expect.objectContaining({ id: draft.id, version: 2, status: 'published', previousVersionId: v1.id, supersededById: null, taskCount: draft.taskCount })]);
      expect(list.headers['x-total-count']).toBe('1');
    }
    const all = (await coordinator.get('/api/plans?includeSuperseded=true').expect(200)).body;
    expect(all).toEqual([expect.objectContaining({ id: draft.id, version: 2 }), expect.objectContaining({ id: v1.id, version: 1, supersededById: draft.id })]);
    for (const id of [v1.id, draft.id]) expect(ids((await observer.get(`/api/plans/${id}/revisions`).expect(200)).body)).toEqual([draft.id, v1.id]);
    expect((await coordinator.get('/api/plans?includeSuperseded=maybe').expect(400)).body.errors).toEqual([expect.objectContaining({ field: 'includeSuperseded' })]);
    await coordinator.get('/api/plans/00000000-0000-4000-8000-000000000000/revisions').expect(404);
  });

  it('answers a published draft copy’s id with 410 in Chinese naming the live task that carries on; its history still answers', async () => {
    const detail = await coordinator.get(`/api/tasks/${copy.id}`).expect(410);
    expect(detail.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(detail.body).toMatchObject({ type: 'urn:duban:problem:gone', status: 410, reason: 'published_into', planId: draft.id, title: expect.stringMatching(CJK), detail: expect.stringMatching(CJK) });
    live = (await coordinator.get(`/api/tasks/${detail.body.taskId}`).expect(200)).body;
    expect(live).toMatchObject({ id: detail.body.taskId, planId: draft.id, title: copy.title, deadline: '2018-06-30' });
    expect(live.id).not.toBe(copy.id);
    expect(detail.body.location).toBe(`/api/tasks/${live.id}`);
    expect(detail.body.detail).toContain(live.title);

    const patch = await coordinator.patch(`/api/tasks/${copy.id}`, { deadline: '2018-09-30', reason: '再次更正' }).expect(410);
    expect(patch.body).toMatchObject({ taskId: live.id, detail: expect.stringMatching(CJK) });
    const report = await keji.post(`/api/tasks/${copy.id}/progress`, { percent: 10, summary: '已启动' });
    // the department held the copy's task too: its report goes to the live task, not nowhere
    expect(report.status).toBe(410);
    expect(report.body).toMatchObject({ taskId: live.id, detail: expect.stringMatching(CJK) });
    const history = (await coordinator.get(`/api/tasks/${copy.id}/history`).expect(200)).body;
    expect(history.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['deadline', 'published_into']));
  });
});
