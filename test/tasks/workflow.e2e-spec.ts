import { ManualClock, Clock } from '@duban/clock';
import { TaskEvent } from '@duban/persistence';
import { Workbook } from 'exceljs';
import { startTestApi, type TestApi } from '../support/app';
import { type Client, client, login } from '../support/auth';
import { em, type SeededPlan, seedPlan, seedUser } from '../support/factories';

const PASSWORD = 'a-long-test-password';
const clock = new ManualClock('2018-01-01T09:00:00+08:00');

describe('the task workflow, progress and review over REST', () => {
  let api: TestApi;
  let qh: SeededPlan;
  let sx: SeededPlan;
  const as: Record<string, Client> = {};
  const id = (title: string) => qh.tasks[title].id;

  beforeAll(async () => {
    api = await startTestApi((b) => b.overrideProvider(Clock).useValue(clock));
    qh = await seedPlan(api.app, '青海省', [
      { title: '建设创新平台', deadline: '2018-06-30', lead: ['省发展改革委'], co: ['省科技厅'] },
      { title: '培育科技企业', deadline: '2017-12-01', lead: ['省科技厅'], co: ['省发展改革委'], keyArea: '企业' },
      { title: '完善财政支持', deadline: '2017-12-25', lead: ['省发展改革委'], keyArea: '企业' },
      { title: '加强组织领导', deadline: null, lead: ['省财政厅'], kind: 'safeguard' },
    ]);
    sx = await seedPlan(api.app, '陕西省', [{ title: '陕西任务', deadline: '2017-11-01', lead: ['陕西省科技厅'] }]);
    const users = {
      coord: { role: 'coordinator', jurisdiction: '青海省' },
      observer: { role: 'observer', jurisdiction: '青海省' },
      fgw: { role: 'department', departmentId: qh.departments['省发展改革委'].id },
      kjt: { role: 'department', departmentId: qh.departments['省科技厅'].id },
      czt: { role: 'department', departmentId: qh.departments['省财政厅'].id },
      sxCoord: { role: 'coordinator', jurisdiction: '陕西省' },
    } as const;
    for (const [key, user] of Object.entries(users)) {
      await seedUser(api.app, { email: `${key}@example.org`, password: PASSWORD, ...user });
      as[key] = client(api, await login(api, `${key}@example.org`, PASSWORD));
    }
  });
  afterAll(() => api.close());

  it('lists only what each caller may see, with lead/co, overdue and days overdue', async () => {
    const all = (await as.coord.get('/api/tasks').expect(200)).body;
    expect(all).toMatchObject({ total: 4, page: 1, pageSize: 50 });
    expect(all.items.map((t: { title: string }) => t.title)).toEqual(['建设创新平台', '加强组织领导', '培育科技企业', '完善财政支持']);
    const first = all.items[0];
    expect(first).toMatchObject({
      planId: qh.plan.id,
      section: '重点任务',
      kind: 'task',
      deadline: '2018-06-30',
      status: 'assigned',
      lead: [{ id: qh.departments['省发展改革委'].id, name: '省发展改革委' }],
      co: [{ id: qh.departments['省科技厅'].id, name: '省科技厅' }],
      overdue: false,
      daysOverdue: 0,
      escalationLevel: null,
    });
    const mine = (await as.fgw.get('/api/tasks').expect(200)).body;
    expect(mine.items.map((t: { title: string }) => t.title).sort()).toEqual(['培育科技企业', '完善财政支持', '建设创新平台'].sort());
    expect((await as.czt.get('/api/tasks').expect(200)).body.total).toBe(1);
    expect((await as.sxCoord.get('/api/tasks').expect(200)).body.items.map((t: { id: string }) => t.id)).toEqual([sx.tasks['陕西任务'].id]);

    const overdue = (await as.coord.get('/api/tasks?overdue=true').expect(200)).body.items;
    expect(overdue.map((t: { title: string; daysOverdue: number }) => [t.title, t.daysOverdue])).toEqual([
      ['培育科技企业', 31],
      ['完善财政支持', 7],
    ]);
    const paged = (await as.coord.get(`/api/tasks?departmentId=${qh.departments['省科技厅'].id}&page=2&pageSize=1`).expect(200)).body;
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ title: '培育科技企业' }] });
    expect((await as.coord.get('/api/tasks?status=assigned,accepted').expect(200)).body.total).toBe(4);
  });

  it('validates list queries and answers malformed and unknown ids 404, others’ tasks 403', async () => {
    const bad = (await as.coord.get('/api/tasks?status=done&page=0&overdue=maybe&planId=x').expect(400)).body;
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(['overdue', 'page', 'planId', 'status']);
    await as.coord.get('/api/tasks/00000000-0000-4000-8000-000000000000').expect(404);
    expect((await as.coord.get('/api/tasks/not-a-uuid').expect(404)).body.errors).toEqual([{ field: 'id', message: 'id must be a UUID, got "not-a-uuid"' }]);
    await as.sxCoord.get(`/api/tasks/${id('建设创新平台')}`).expect(403);
    await as.czt.get(`/api/tasks/${id('建设创新平台')}`).expect(403);
  });

  it('lets the lead sign for a task (签收), not a co department; a second signature is a 409 with the state', async () => {
    const task = id('建设创新平台');
    await as.kjt.post(`/api/tasks/${task}/accept`).expect(403);
    await as.coord.post(`/api/tasks/${task}/accept`).expect(403);
    const signed = await as.fgw.post(`/api/tasks/${task}/accept`).expect(200);
    expect(signed.body).toMatchObject({ status: 'accepted', allowedActions: expect.arrayContaining(['start']) });
    expect(signed.headers.etag).toBe(`"${signed.body.version}"`);
    const again = await as.fgw.post(`/api/tasks/${task}/accept`).expect(409);
    expect(again.body).toMatchObject({ status: 409, currentStatus: 'accepted' });
  });

  it('takes progress from lead and co departments, each for its own part, and shows each one’s latest', async () => {
    const task = id('建设创新平台');
    const bad = await as.fgw.post(`/api/tasks/${task}/progress`, { percent: 120, evidenceUrls: ['ftp://x'] }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['percent', 'summary', 'evidenceUrls']));
    await as.fgw.post(`/api/tasks/${task}/progress`, { percent: 10, summary: '完成选址' }).expect(201);
    clock.advance(3_600_000);
    const lead = await as.fgw.post(`/api/tasks/${task}/progress`, { percent: 30, summary: '完成立项', nextSteps: '开工建设', evidenceUrls: ['https://example.org/a.pdf'] }).expect(201);
    expect(lead.body).toMatchObject({ percent: 30, role: 'lead', department: { name: '省发展改革委' }, author: { email: 'fgw@example.org' } });
    clock.advance(3_600_000);
    await as.kjt.post(`/api/tasks/${task}/progress`, { percent: 50, summary: '技术方案已定' }).expect(201);
    await as.czt.post(`/api/tasks/${task}/progress`, { percent: 50, summary: '不是我的' }).expect(403);
    await as.coord.post(`/api/tasks/${task}/progress`, { percent: 50, summary: '协调员' }).expect(403);
    await as.fgw.post('/api/tasks/00000000-0000-4000-8000-000000000000/progress', { percent: 1, summary: 'x' }).expect(404);

    const detail = (await as.coord.get(`/api/tasks/${task}`).expect(200)).body;
    expect(detail.status).toBe('in_progress');
    expect(detail.lead[0].latestProgress).toMatchObject({ percent: 30, summary: '完成立项', nextSteps: '开工建设' });
    expect(detail.co[0].latestProgress).toMatchObject({ percent: 50, department: { name: '省科技厅' } });
    expect(detail.lastProgressAt).toBe('2018-01-01T03:00:00.000Z');
    const history = (await as.kjt.get(`/api/tasks/${task}/progress`).expect(200)).body;
    expect(history.map((p: { percent: number }) => p.percent)).toEqual([50, 30, 10]);
  });

  it('handles 申请延期: asked before the deadline, approved by the coordinator, the old deadline kept in history', async () => {
    const task = id('建设创新平台');
    const bad = await as.fgw.post(`/api/tasks/${task}/extension-requests`, { newDeadline: '2018-02-30' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['newDeadline', 'reason']));
    await as.fgw.post(`/api/tasks/${task}/extension-requests`, { newDeadline: '2018-05-01', reason: '提前' }).expect(400);
    await as.kjt.post(`/api/tasks/${task}/extension-requests`, { newDeadline: '2018-09-30', reason: '配合单位' }).expect(403);
    const asked = await as.fgw.post(`/api/tasks/${task}/extension-requests`, { newDeadline: '2018-09-30', reason: '土地审批延迟' }).expect(201);
    expect(asked.body).toMatchObject({ status: 'pending', currentDeadline: '2018-06-30', requestedDeadline: '2018-09-30', department: { name: '省发展改革委' } });
    await as.fgw.post(`/api/tasks/${task}/extension-requests`, { newDeadline: '2018-10-30', reason: '再来一次' }).expect(409);
    await as.sxCoord.post(`/api/tasks/${task}/extension-requests/${asked.body.id}/approve`).expect(403);
    await as.observer.post(`/api/tasks/${task}/extension-requests/${asked.body.id}/approve`).expect(403);
    const approved = await as.coord.post(`/api/tasks/${task}/extension-requests/${asked.body.id}/approve`, { reason: '同意' }).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', decisionReason: '同意', decidedAt: expect.any(String) });
    await as.coord.post(`/api/tasks/${task}/extension-requests/${asked.body.id}/reject`, { reason: '改主意' }).expect(409);
    const detail = (await as.fgw.get(`/api/tasks/${task}`).expect(200)).body;
    expect(detail).toMatchObject({ deadline: '2018-09-30', pendingExtension: null, extensions: [{ status: 'approved', currentDeadline: '2018-06-30' }] });
    const events = await em(api.app).find(TaskEvent, { task, type: 'extension_approved' });
    expect(events.map((e) => [e.before, e.after])).toEqual([[{ deadline: '2018-06-30' }, { deadline: '2018-09-30' }]]);

    const second = await as.fgw.post(`/api/tasks/${task}/extension-requests`, { newDeadline: '2018-12-31', reason: '仍需时间' }).expect(201);
    await as.coord.post(`/api/tasks/${task}/extension-requests/${second.body.id}/reject`, {}).expect(400);
    await as.coord.post(`/api/tasks/${task}/extension-requests/${second.body.id}/reject`, { reason: '理由不足' }).expect(200);
    expect((await as.fgw.get(`/api/tasks/${task}`).expect(200)).body.deadline).toBe('2018-09-30');
  });

  it('refuses an extension once the deadline has passed', async () => {
    const res = await as.kjt.post(`/api/tasks/${id('培育科技企业')}/extension-requests`, { newDeadline: '2018-06-30', reason: '晚了' }).expect(409);
    expect(res.body.detail).toMatch(/passed/);
  });

  it('closes a task: 申请办结, returned with a reason, asked again, 销号; stale If-Match is 412', async () => {
    const task = id('建设创新平台');
    const { headers, body } = await as.fgw.get(`/api/tasks/${task}`).expect(200);
    await as.fgw.post(`/api/tasks/${task}/request-completion`).set('If-Match', `"${body.version - 1}"`).expect(412);
    await as.coord.post(`/api/tasks/${task}/approve-completion`).expect(409);
    const asked = await as.fgw.post(`/api/tasks/${task}/request-completion`, { reason: '已建成' }).set('If-Match', headers.etag).expect(200);
    expect(asked.body.status).toBe('completion_requested');
    // a second clerk who loaded the task before the request cannot act on what they saw
    await as.coord.post(`/api/tasks/${task}/return`, { reason: '材料不全' }).set('If-Match', headers.etag).expect(412);
    const noReason = await as.coord.post(`/api/tasks/${task}/return`, {}).expect(400);
    expect(new Set(noReason.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['reason']));
    expect((await as.coord.post(`/api/tasks/${task}/return`, { reason: '佐证材料不全' }).expect(200)).body.status).toBe('in_progress');
    await as.fgw.post(`/api/tasks/${task}/request-completion`).expect(200);
    await as.observer.post(`/api/tasks/${task}/approve-completion`).expect(403);
    const closed = await as.coord.post(`/api/tasks/${task}/approve-completion`).expect(200);
    expect(closed.body).toMatchObject({ status: 'completed', completedAt: '2018-01-01T03:00:00.000Z', allowedActions: [] });
    await as.fgw.post(`/api/tasks/${task}/progress`, { percent: 100, summary: '补充' }).expect(409);
    const types = (await em(api.app).find(TaskEvent, { task }, { orderBy: { at: 'asc', id: 'asc' } })).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['accept', 'start', 'request_completion', 'return', 'approve_completion']));
  });

  it('reviews overdue tasks, most overdue first, with filters, and as an .xlsx 台账', async () => {
    await as.kjt.post(`/api/tasks/${id('培育科技企业')}/progress`, { percent: 20, summary: '推进中' }).expect(201);
    const res = (await as.coord.get('/api/review/overdue').expect(200)).body;
    expect(res).toMatchObject({ total: 2, page: 1 });
    expect(res.items[0]).toMatchObject({ title: '培育科技企业', daysOverdue: 31, escalationLevel: null, lastProgressAt: expect.any(String), lead: [{ name: '省科技厅' }], co: [{ name: '省发展改革委' }] });
    expect(res.items[1]).toMatchObject({ title: '完善财政支持', daysOverdue: 7, lastProgressAt: null });
    expect((await as.coord.get('/api/review/overdue?minDaysOverdue=10').expect(200)).body.items.map((t: { title: string }) => t.title)).toEqual(['培育科技企业']);
    expect((await as.coord.get(`/api/review/overdue?departmentId=${qh.departments['省财政厅'].id}`).expect(200)).body.total).toBe(0);
    expect((await as.coord.get(`/api/review/overdue?keyAreaId=${qh.tasks['培育科技企业'].keyArea.id}`).expect(200)).body.total).toBe(2);
    expect((await as.observer.get('/api/review/overdue').expect(200)).body.total).toBe(2);
    expect((await as.sxCoord.get('/api/review/overdue').expect(200)).body.items.map((t: { title: string }) => t.title)).toEqual(['陕西任务']);
    await as.fgw.get('/api/review/overdue').expect(403);

    const file = await as.coord.get('/api/review/overdue?format=xlsx').responseType('blob').expect(200);
    expect(file.headers['content-type']).toMatch(/spreadsheetml/);
    expect(file.headers['content-disposition']).toMatch(/attachment/);
    const rows = await sheetRows(file.body);
    expect(rows[0]).toEqual(['所属方案', '重点领域', '任务', '牵头单位', '配合单位', '完成时限', '逾期天数', '状态', '督办等级', '最近报送']);
    expect(rows.slice(1).map((r) => [r[2], r[6]])).toEqual([['培育科技企业', 31], ['完善财政支持', 7]]);
    const viaAccept = await as.coord.get('/api/review/overdue').set('Accept', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').responseType('blob').expect(200);
    expect(viaAccept.headers['content-type']).toMatch(/spreadsheetml/);
  });

  it('scores each department: led, helped, completed (on time), overdue, silent for 30 days', async () => {
    clock.advance(40 * 86_400_000); // 2018-02-10: every report so far is older than 30 days
    const scores = (await as.coord.get(`/api/scorecards/departments?planId=${qh.plan.id}`).expect(200)).body;
    const by = Object.fromEntries(scores.map((s: { name: string }) => [s.name, s]));
    expect(by['省发展改革委']).toMatchObject({ asLead: 2, asCo: 1, completed: 1, completedOnTime: 1, overdue: 2, noReportIn30Days: 2 });
    expect(by['省科技厅']).toMatchObject({ asLead: 1, asCo: 1, completed: 1, completedOnTime: 1, overdue: 1, noReportIn30Days: 1 });
    expect(by['省财政厅']).toMatchObject({ asLead: 1, asCo: 0, completed: 0, overdue: 0, noReportIn30Days: 1, lastReportAt: null });
    expect(scores).toHaveLength(3);
    await as.kjt.post(`/api/tasks/${id('培育科技企业')}/progress`, { percent: 40, summary: '继续推进' }).expect(201);
    const after = (await as.observer.get('/api/scorecards/departments').expect(200)).body;
    expect(after.find((s: { name: string }) => s.name === '省科技厅').noReportIn30Days).toBe(0);
    await as.fgw.get('/api/scorecards/departments').expect(403);

    const file = await as.coord.get('/api/scorecards/departments?format=xlsx').responseType('blob').expect(200);
    const rows = await sheetRows(file.body);
    expect(rows[0]).toEqual(['单位', '牵头任务', '配合任务', '已完成', '按期完成', '逾期未完成', '30天未报送', '最近报送']);
    expect(rows).toHaveLength(4);
  });
});

async function sheetRows(buffer: Buffer): Promise<unknown[][]> {
  const book = new Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
