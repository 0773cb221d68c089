import { readFileSync } from 'node:fs';
import request from 'supertest';
import { join } from 'node:path';
import { Clock, ManualClock } from '@duban/clock';
import { SummaryJobs, Sweep } from '@duban/notifications';
import { startTestApi, type TestApi } from '../support/app';
import { type Client, client, login } from '../support/auth';
import { seedPlan } from '../support/factories';
import { startWorkerContext, type WorkerTestEnv, workerTestEnv } from '../support/worker';

/**
 * Review before dispatch, over HTTP on a real database, with the worker's sweep and nightly
 * summary run against the same data: a draft is seen by the coordinators only and chases nobody
 * until it is published.
 */
const ADMIN = { email: 'admin@drafts.test', password: 'a long admin password' };
/** Friday 2017-12-22, 20:00 in Shanghai: before the monthly report day, one week before year end. */
const NOW = '2017-12-22T12:00:00Z';
const TODAY = '2017-12-22';

/** The 青海 sample with what a coordinator must catch: a misspelt department and a clause pasted twice. */
function draftText(): string {
  const lines = readFileSync(join(__dirname, '..', '..', 'seeds', 'plans', 'qinghai-2017.txt'), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.startsWith('(二)“互联网+”协同制造'));
  lines[i] = lines[i].replace('省科技厅)', '省科枝厅)');
  const item = lines.findIndex((l, n) => n > i && l.startsWith('1.建设制造业与互联网融合示范基地'));
  const next = lines.findIndex((l, n) => n > i && l.startsWith('(三)'));
  const last = lines.slice(0, next).findLastIndex((l) => /^\d+\./.test(l));
  const number = Number(/^(\d+)\./.exec(lines[last])![1]) + 1;
  lines.splice(last + 1, 0, '', lines[item].replace(/^1\./, `${number}.`));
  return lines.join('\n');
}

interface Finding {
  taskId: string;
  taskIndex: number;
  code: string;
  message: string;
  field: string;
  value?: string;
  suggestion?: string;
}
interface TaskItem {
  id: string;
  title: string;
  deadline: string | null;
  section: string;
  lead: { id: string; name: string }[];
  co: { id: string; name: string }[];
}

describe('drafts: import for review, correct, publish', () => {
  let api: TestApi;
  let env: WorkerTestEnv;
  let worker: Awaited<ReturnType<typeof startWorkerContext>>;
  const clock = new ManualClock(NOW);
  let admin: Client;
  let coordinator: Client;
  let observer: Client;
  let keji: Client;
  let planId: string;
  let tasks: TaskItem[];
  let livePlanTaskId: string;

  const findingsOf = async (id = planId): Promise<Finding[]> => (await coordinator.get(`/api/plans/${id}/findings`).expect(200)).body.findings;
  const draftTasks = async (): Promise<TaskItem[]> => (await coordinator.get(`/api/tasks?planId=${planId}&pageSize=200`).expect(200)).body.items;
  const outbox = () => env.query('select idempotency_key as key, kind, recipients, text_body as text from mail_outbox order by idempotency_key');
  const user = async (email: string, body: object) => {
    await admin.post('/api/users', { email, password: 'a-long-drafts-password-42', ...body }).expect(201);
    return client(api, await login(api, email, 'a-long-drafts-password-42'));
  };

  beforeAll(async () => {
    process.env.ADMIN_EMAIL = ADMIN.email;
    process.env.ADMIN_PASSWORD = ADMIN.password;
    process.env.QUEUE_PREFIX = `t${Date.now().toString(36)}d`;
    api = await startTestApi((b) => b.overrideProvider(Clock).useValue(clock));
    env = await workerTestEnv({ databaseUrl: api.databaseUrl, prefix: process.env.QUEUE_PREFIX });
    worker = await startWorkerContext(env, clock);
    // the jurisdiction already runs a plan: its departments are the directory a draft is checked against
    const live = await seedPlan(api.app, '青海省', [
      { title: '既有任务', deadline: '2030-12-31', lead: ['省科技厅'] },
      { title: '既有任务二', deadline: '2030-12-31', lead: ['省财政厅'] },
    ]);
    livePlanTaskId = live.tasks['既有任务'].id;
    admin = client(api, await login(api, ADMIN.email, ADMIN.password));
    coordinator = await user('coord@drafts.test', { role: 'coordinator', jurisdiction: '青海省' });
    observer = await user('observer@drafts.test', { role: 'observer', jurisdiction: '青海省' });
    keji = await user('keji@drafts.test', { role: 'department', departmentId: live.departments['省科技厅'].id });
  });
  afterAll(async () => {
    // the database is the API's: close the worker's and the pool's connections before it is dropped
    await worker?.close();
    await env?.close();
    await api?.close();
  });

  it('documents the review routes in OpenAPI', async () => {
    const doc = (await request(api.http).get('/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths['/api/plans/{id}/publish'])).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/plans/{id}/findings'])).toEqual(['get']);
    expect(Object.keys(doc.paths['/api/tasks/{id}/split'])).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/tasks/{id}/merge'])).toEqual(['post']);
    expect(doc.paths['/api/tasks/{id}'].delete).toBeDefined();
    expect(doc.paths['/api/plans'].post.requestBody.content['multipart/form-data'].schema.properties.draft).toMatchObject({ type: 'boolean' });
    expect(Object.keys(doc.components.schemas.UpdateTaskDto.properties).sort()).toEqual(['deadline', 'kind', 'reason', 'title']);
  });

  it('imports a draft: 201 with status, task count and findings; a bad flag is a 400 naming it', async () => {
    const bad = await coordinator.post('/api/plans', { text: draftText(), draft: 'maybe' }).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'draft' })]);

    const res = await coordinator.post('/api/plans', { text: draftText(), sourceName: 'qinghai-draft.txt', draft: true }).expect(201);
    expect(res.body).toMatchObject({ id: expect.any(String), status: 'draft', taskCount: 126, findings: expect.any(Array) });
    planId = res.body.id;
    const findings: Finding[] = res.body.findings;
    for (const f of findings) expect(f).toEqual({ taskId: expect.any(String), taskIndex: expect.any(Number), code: expect.any(String), message: expect.stringMatching(/[\u4e00-\u9fff]/), field: expect.any(String), ...(f.value !== undefined ? { value: f.value } : {}), ...(f.suggestion ? { suggestion: f.suggestion } : {}) });
    expect(findings.filter((f) => f.code === 'no_lead')).toHaveLength(6);
    expect(findings).toContainEqual(expect.objectContaining({ code: 'unknown_department', field: 'co', value: '省科枝厅', suggestion: '省科技厅' }));
    const duplicate = findings.find((f) => f.code === 'duplicate_text')!;
    expect(duplicate).toMatchObject({ field: 'text', message: expect.stringContaining('重复') });
    // the detail of a draft carries its findings too
    const detail = (await coordinator.get(`/api/plans/${planId}`).expect(200)).body;
    expect(detail).toMatchObject({ status: 'draft', findings });
    expect(await findingsOf()).toEqual(findings);
    tasks = await draftTasks();
    expect(tasks).toHaveLength(126);
  });

  it('shows the draft to the coordinators only: not to departments or observers, not in worklists, reviews or scorecards', async () => {
    const first = tasks[0];
    expect(first.lead.map((d) => d.name)).toEqual(['省科技厅']);
    // 省科技厅 leads the first draft task, yet sees only its live task
    const mine = (await keji.get('/api/tasks?pageSize=200').expect(200)).body.items.map((t: TaskItem) => t.id);
    expect(mine).toEqual([livePlanTaskId]);
    await keji.get(`/api/tasks/${first.id}`).expect(403);
    await keji.get(`/api/tasks/${first.id}/history`).expect(403);
    await keji.post(`/api/tasks/${first.id}/progress`, { percent: 10, summary: '进展' }).expect(403);
    expect((await keji.get('/api/plans').expect(200)).body.map((p: { id: string }) => p.id)).not.toContain(planId);
    await keji.get(`/api/plans/${planId}`).expect(403);
    await keji.post(`/api/plans/${planId}/publish`).expect(403);

    expect((await observer.get(`/api/tasks?planId=${planId}`).expect(200)).body.total).toBe(0);
    await observer.get(`/api/tasks/${first.id}`).expect(403);
    await observer.get(`/api/plans/${planId}`).expect(403);
    await observer.get(`/api/plans/${planId}/findings`).expect(403);

    await coordinator.get(`/api/tasks/${first.id}`).expect(200);
    const all = (await coordinator.get('/api/tasks?pageSize=200').expect(200)).body;
    expect(all.total).toBe(2); // without planId: the live work only
    expect((await coordinator.get('/api/review/unassigned').expect(200)).body.total).toBe(0);
    const scores = (await coordinator.get('/api/scorecards/departments').expect(200)).body.map((s: { name: string }) => s.name).sort();
    expect(scores).toEqual(['省科技厅', '省财政厅'].sort());
  });

  it('chases nobody for a draft: the sweep and the nightly summary write no mail', async () => {
    expect(tasks.some((t) => t.deadline === '2017-12-31')).toBe(true); // due in 9 days: a live task would be reminded
    // the draft's import made the jurisdiction's joint meeting; its summary has somewhere to go
    const meetings = (await coordinator.get('/api/joint-meetings').expect(200)).body;
    await coordinator.patch(`/api/joint-meetings/${meetings[0].id}`, { recipients: ['meeting@drafts.test'] }).expect(200);
    const stats = await worker.get(Sweep).run();
    expect(stats).toMatchObject({ today: TODAY, escalated: 0, mails: 0, failedRounds: 0 });
    const [meeting] = await env.query('select id from joint_meeting');
    expect(await worker.get(SummaryJobs).send({ jointMeetingId: meeting.id as string, localDate: TODAY })).toBe('skipped');
    expect(await outbox()).toEqual([]);
    expect(await env.query('select outcome from summary_run')).toEqual([{ outcome: 'empty' }]);
  });

  it('takes corrections with validation and history, and the findings shrink', async () => {
    const before = await findingsOf();
    const noLead = before.filter((f) => f.code === 'no_lead').map((f) => f.taskId);
    const duplicate = before.find((f) => f.code === 'duplicate_text')!;
    // (not one of the two copies: their merge joins their departments again)
    const typo = before.find((f) => f.code === 'unknown_department' && f.value === '省科枝厅' && ![duplicate.taskId, duplicate.value].includes(f.taskId))!;

    // reassign: by name (a known one, and a new one created as an import would), and by id
    await coordinator.put(`/api/tasks/${noLead[0]}/assignments`, { lead: [], reason: '指定牵头' }).expect(400).expect((r) => expect(r.body.errors).toContainEqual(expect.objectContaining({ field: 'lead' })));
    await coordinator.put(`/api/tasks/${noLead[0]}/assignments`, { lead: ['省科技厅'], co: ['省大数据管理局'], reason: '指定牵头单位' }).expect(200);
    const departments = (await coordinator.get(`/api/departments?jurisdiction=${encodeURIComponent('青海省')}`).expect(200)).body;
    expect(departments.map((d: { name: string }) => d.name)).toContain('省大数据管理局');
    const typoTask = tasks.find((t) => t.id === typo.taskId)!;
    const keep = typoTask.co.filter((d) => d.name !== '省科枝厅').map((d) => d.id);
    const kejiId = tasks[0].lead[0].id;
    await coordinator.put(`/api/tasks/${typo.taskId}/assignments`, { lead: typoTask.lead.map((d) => d.id), co: [...keep, kejiId], reason: '更正单位名称' }).expect(200);

    // deadline, title, kind
    await coordinator.patch(`/api/tasks/${tasks[0].id}`, { deadline: '2017-02-30', reason: 'x' }).expect(400).expect((r) => expect(r.body.errors).toContainEqual(expect.objectContaining({ field: 'deadline' })));
    await coordinator.patch(`/api/tasks/${tasks[0].id}`, { kind: 'chore', reason: 'x' }).expect(400).expect((r) => expect(r.body.errors).toContainEqual(expect.objectContaining({ field: 'kind' })));
    await coordinator.patch(`/api/tasks/${tasks[0].id}`, { reason: '无改动' }).expect(400);
    const patched = await coordinator.patch(`/api/tasks/${tasks[0].id}`, { deadline: '2017-12-29', title: '年底前建成众创空间', kind: 'project', reason: '省政府要求年底前完成' }).expect(200);
    expect(patched.body).toEqual({ id: tasks[0].id, title: '年底前建成众创空间', kind: 'project', deadline: '2017-12-29' });
    const history = (await coordinator.get(`/api/tasks/${tasks[0].id}/history`).expect(200)).body;
    expect(history.map((e: { type: string }) => e.type).sort()).toEqual(['deadline', 'kind', 'title']);
    expect(history.find((e: { type: string }) => e.type === 'title')).toMatchObject({ before: { title: tasks[0].title }, after: { title: '年底前建成众创空间' }, reason: '省政府要求年底前完成', actor: { email: 'coord@drafts.test' } });

    // split one task into two
    await coordinator.post(`/api/tasks/${tasks[1].id}/split`, { parts: [{ title: '只有一部分' }], reason: '拆分' }).expect(400).expect((r) => expect(r.body.errors[0].field).toBe('parts'));
    const split = (await coordinator.post(`/api/tasks/${tasks[1].id}/split`, { parts: [{ title: '完善公共服务', text: '完善创新创业公共服务。' }, { title: '支持服务平台', text: '支持众创空间等服务平台。' }], reason: '一项任务含两件事' }).expect(201)).body;
    expect(split.tasks.map((t: { title: string }) => t.title)).toEqual(['完善公共服务', '支持服务平台']);
    const twin = (await coordinator.get(`/api/tasks/${split.tasks[1].id}`).expect(200)).body;
    expect(twin).toMatchObject({ section: tasks[1].section, deadline: tasks[1].deadline, lead: [expect.objectContaining({ name: '省科技厅' })] });

    // merge the pasted copy back into the task it copies
    const original = duplicate.value!;
    await coordinator.post(`/api/tasks/${original}/merge`, { taskId: original, reason: '重复' }).expect(400);
    await coordinator.post(`/api/tasks/${original}/merge`, { taskId: livePlanTaskId, reason: '重复' }).expect(400).expect((r) => expect(r.body.errors[0].field).toBe('taskId'));
    const merged = (await coordinator.post(`/api/tasks/${original}/merge`, { taskId: duplicate.taskId, reason: '重复粘贴' }).expect(200)).body;
    expect(merged).toMatchObject({ id: original, mergedTaskId: duplicate.taskId });
    await coordinator.get(`/api/tasks/${duplicate.taskId}/history`).expect(200).expect((r) => expect(r.body[0]).toMatchObject({ type: 'merged_into', after: { taskId: original } }));

    // delete a task; a live task cannot be deleted, split or merged
    await coordinator.delete(`/api/tasks/${noLead[1]}?reason=${encodeURIComponent('不属于督办事项')}`).expect(204);
    await coordinator.delete(`/api/tasks/${noLead[1]}`).expect(409);
    const live = await coordinator.delete(`/api/tasks/${livePlanTaskId}`).expect(409);
    expect(live.headers['content-type']).toMatch(/application\/problem\+json/);
    await coordinator.post(`/api/tasks/${livePlanTaskId}/split`, { parts: [{ title: '甲' }, { title: '乙' }], reason: '拆分' }).expect(409);

    const after = await findingsOf();
    expect(after.length).toBeLessThan(before.length);
    const about = (taskId: string, code: string) => after.filter((f) => f.taskId === taskId && f.code === code);
    expect(about(noLead[0], 'no_lead')).toEqual([]);
    expect(about(noLead[1], 'no_lead')).toEqual([]);
    expect(about(typo.taskId, 'unknown_department').map((f) => f.value)).not.toContain('省科枝厅');
    expect(after.filter((f) => f.code === 'duplicate_text')).toEqual([]);
    expect(after.filter((f) => f.code === 'no_lead')).toHaveLength(4);
    // the new department is not in the directory yet: it is pointed out, not refused
    expect(about(noLead[0], 'unknown_department')).toEqual([expect.objectContaining({ value: '省大数据管理局', field: 'co' })]);
    expect((await coordinator.get(`/api/plans/${planId}`).expect(200)).body).toMatchObject({ status: 'draft', taskCount: 125 });
  });

  it('publishes once, as a direct import: departments see their tasks and the sweep chases them', async () => {
    await keji.post(`/api/plans/${planId}/publish`).expect(403);
    const published = (await coordinator.post(`/api/plans/${planId}/publish`).expect(200)).body;
    expect(published).toMatchObject({ id: planId, status: 'published', taskCount: 125, publishedAt: expect.any(String) });
    const again = await coordinator.post(`/api/plans/${planId}/publish`).expect(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);

    const mine = (await keji.get('/api/tasks?pageSize=200').expect(200)).body.items.map((t: TaskItem) => t.id);
    expect(mine).toContain(tasks[0].id);
    await keji.get(`/api/tasks/${tasks[0].id}`).expect(200);
    expect((await observer.get(`/api/tasks?planId=${planId}`).expect(200)).body.total).toBe(125);
    expect((await coordinator.get('/api/review/unassigned?pageSize=500').expect(200)).body.items.filter((t: { planId: string }) => t.planId === planId).length).toBeGreaterThan(0);
    // a live task keeps what the review made of it
    const first = (await keji.get(`/api/tasks/${tasks[0].id}`).expect(200)).body;
    expect(first).toMatchObject({ title: '年底前建成众创空间', kind: 'project', deadline: '2017-12-29', status: 'assigned' });

    const stats = await worker.get(Sweep).run();
    expect(stats.mails).toBeGreaterThan(0);
    const mails = await outbox();
    expect(mails).toContainEqual(expect.objectContaining({ kind: 'reminder', recipients: ['keji@drafts.test'], text: expect.stringContaining('年底前建成众创空间') }));
    const [meeting] = await env.query('select id from joint_meeting');
    expect(await worker.get(SummaryJobs).send({ jointMeetingId: meeting.id as string, localDate: '2017-12-23' })).toBe('success');
    expect(await outbox()).toContainEqual(expect.objectContaining({ kind: 'summary', recipients: ['meeting@drafts.test'] }));
  });
});
