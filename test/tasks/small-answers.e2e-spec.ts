import { Clock, ManualClock } from '@duban/clock';
import { Workbook } from 'exceljs';
import { Pool } from 'pg';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/app';
import { type Client, client, login } from '../support/auth';
import { type SeededPlan, seedPlan, seedUser } from '../support/factories';

const PASSWORD = 'a-long-test-password';
// 07:30 on 2027-01-05 in Shanghai, still the 4th in UTC: a report now is a 2027-01-05 report
const clock = new ManualClock('2027-01-04T23:30:00Z');
const ZERO = '00000000-0000-4000-8000-000000000000';

/** Issue 13's "small wrong answers", each now a right one. */
describe('small wrong answers, now right', () => {
  let api: TestApi;
  let gs: SeededPlan;
  let pool: Pool;
  const as: Record<string, Client> = {};
  const id = (title: string) => gs.tasks[title].id;

  beforeAll(async () => {
    api = await startTestApi((b) => b.overrideProvider(Clock).useValue(clock));
    pool = new Pool({ connectionString: api.databaseUrl, max: 2 });
    gs = await seedPlan(api.app, '甘肃省', [
      { title: '扩建数据中心', deadline: '2027-03-31', lead: ['省工信厅'], co: ['省科技厅'] },
      { title: '整合政务平台', deadline: '2027-03-31', lead: ['省工信厅'], co: ['省科技厅'] },
      { title: '上线一网通办', deadline: '2026-12-01', lead: ['省科技厅'] },
    ]);
    await seedPlan(api.app, '甘肃省', [{ title: '第二方案任务', deadline: null, lead: ['省财政厅'] }], '甘肃省第二方案');
    await seedPlan(api.app, '甘肃省', [{ title: '第三方案任务', deadline: null, lead: ['省财政厅'] }], '甘肃省第三方案');
    const users = {
      coord: { role: 'coordinator', jurisdiction: '甘肃省' },
      gxt: { role: 'department', departmentId: gs.departments['省工信厅'].id },
      kjt: { role: 'department', departmentId: gs.departments['省科技厅'].id },
    } as const;
    for (const [key, user] of Object.entries(users)) {
      await seedUser(api.app, { email: `${key}@small.test`, password: PASSWORD, ...user });
      as[key] = client(api, await login(api, `${key}@small.test`, PASSWORD));
    }
  });
  afterAll(async () => {
    await pool?.end();
    await api?.close();
  });

  it('a malformed id in the path is a 404 naming the parameter, never a 500', async () => {
    const history = (await as.coord.get('/api/tasks/abc/history').expect(404)).body;
    expect(history).toMatchObject({ status: 404, errors: [{ field: 'id', message: 'id must be a UUID, got "abc"' }] });
    const extension = (await as.coord.post(`/api/tasks/${id('扩建数据中心')}/extension-requests/abc/approve`).expect(404)).body;
    expect(extension.errors).toEqual([{ field: 'requestId', message: 'requestId must be a UUID, got "abc"' }]);
    await as.coord.post(`/api/tasks/${id('扩建数据中心')}/extension-requests/abc/reject`, { reason: '不同意' }).expect(404);
    for (const path of ['/api/tasks/abc', '/api/tasks/abc/progress', '/api/plans/abc', '/api/jurisdictions/abc/notification-settings']) {
      expect((await as.coord.get(path).expect(404)).body.errors[0].field).toBe('id');
    }
    // a well-formed id that names nothing is still a 404
    await as.coord.get(`/api/tasks/${ZERO}/history`).expect(404);
    await as.coord.post(`/api/tasks/${id('扩建数据中心')}/extension-requests/${ZERO}/approve`).expect(404);
  });

  it('page and pageSize are bounded whole numbers on every list: 1e20 is a 400 naming the field', async () => {
    for (const list of ['/api/tasks', '/api/review/overdue', '/api/review/unassigned', '/api/plans', '/api/scorecards/departments']) {
      const page = (await as.coord.get(`${list}?page=1e20`).expect(400)).body;
      expect(page.errors.map((e: { field: string }) => e.field)).toEqual(['page']);
      const size = (await as.coord.get(`${list}?pageSize=1e20`).expect(400)).body;
      expect(size.errors.map((e: { field: string }) => e.field)).toEqual(['pageSize']);
      await as.coord.get(`${list}?page=1.5`).expect(400);
      await as.coord.get(`${list}?page=2&pageSize=1`).expect(200);
    }
    expect((await as.coord.get('/api/tasks?page=10000').expect(200)).body).toMatchObject({ items: [], page: 10000 });
    await as.coord.get('/api/tasks?page=10001').expect(400);
  });

  it('plans and the scorecard are paged, still arrays, with the total in X-Total-Count', async () => {
    const all = await as.coord.get('/api/plans').expect(200);
    expect(all.body).toHaveLength(3);
    expect(all.headers).toMatchObject({ 'x-total-count': '3', 'x-page': '1', 'x-page-size': '100' });
    const second = await as.coord.get('/api/plans?page=2&pageSize=2').expect(200);
    expect(second.body).toHaveLength(1);
    expect(second.headers['x-total-count']).toBe('3');
    const pageOne = (await as.coord.get('/api/plans?pageSize=2').expect(200)).body.map((p: { id: string }) => p.id);
    expect(pageOne).not.toContain(second.body[0].id);

    const scores = await as.coord.get('/api/scorecards/departments?pageSize=2').expect(200);
    expect(scores.body).toHaveLength(2);
    expect(scores.headers['x-total-count']).toBe('3');
    const rest = (await as.coord.get('/api/scorecards/departments?pageSize=2&page=2').expect(200)).body;
    expect(rest.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining([expect.any(String)]));
    expect([...scores.body, ...rest].map((s: { name: string }) => s.name).sort()).toEqual(['省工信厅', '省科技厅', '省财政厅'].sort());
    await as.coord.get('/api/scorecards/departments?pageSize=1001').expect(400);
  });

  it("keeps the scorecard's first address as a deprecated alias: same rows, paging and rights", async () => {
    const current = await as.coord.get('/api/scorecards/departments?pageSize=2').expect(200);
    const alias = await as.coord.get('/api/reports/departments?pageSize=2').expect(200);
    expect(alias.body).toEqual(current.body);
    expect(alias.headers['x-total-count']).toBe(current.headers['x-total-count']);
    await as.gxt.get('/api/reports/departments').expect(403);
    const doc = (await request(api.http).get('/docs-json').expect(200)).body;
    expect(doc.paths['/api/reports/departments'].get.deprecated).toBe(true);
    expect(doc.paths['/api/scorecards/departments'].get.deprecated).toBeUndefined();
  });

  it("a co department's first report does not start the lead's task; the lead's does", async () => {
    const task = id('扩建数据中心');
    await as.gxt.post(`/api/tasks/${task}/accept`).expect(200);
    await as.kjt.post(`/api/tasks/${task}/progress`, { percent: 10, summary: '配合单位已开展调研' }).expect(201);
    expect((await as.coord.get(`/api/tasks/${task}`).expect(200)).body.status).toBe('accepted');
    await as.gxt.post(`/api/tasks/${task}/progress`, { percent: 20, summary: '牵头单位已启动' }).expect(201);
    expect((await as.coord.get(`/api/tasks/${task}`).expect(200)).body.status).toBe('in_progress');
  });

  it('approving an older extension request never moves the deadline earlier than one set since: 409', async () => {
    const task = id('整合政务平台');
    await as.gxt.post(`/api/tasks/${task}/accept`).expect(200);
    const asked = (await as.gxt.post(`/api/tasks/${task}/extension-requests`, { newDeadline: '2027-04-30', reason: '设备到货延迟' }).expect(201)).body;
    await as.coord.patch(`/api/tasks/${task}`, { deadline: '2027-06-30', reason: '联席会议决定统一延至6月底' }).expect(200);

    const refused = (await as.coord.post(`/api/tasks/${task}/extension-requests/${asked.id}/approve`).expect(409)).body;
    expect(refused).toMatchObject({ status: 409, currentDeadline: '2027-06-30', requestedDeadline: '2027-04-30' });
    expect(refused.detail).toContain('earlier');
    expect((await as.coord.get(`/api/tasks/${task}`).expect(200)).body).toMatchObject({ deadline: '2027-06-30', pendingExtension: { id: asked.id } });
    await as.coord.post(`/api/tasks/${task}/extension-requests/${asked.id}/reject`, { reason: '已统一调整至6月底' }).expect(200);

    // a request for a date after the deadline in force is still approved and moves it
    const later = (await as.gxt.post(`/api/tasks/${task}/extension-requests`, { newDeadline: '2027-09-30', reason: '二期工程' }).expect(201)).body;
    await as.coord.post(`/api/tasks/${task}/extension-requests/${later.id}/approve`).expect(200);
    expect((await as.coord.get(`/api/tasks/${task}`).expect(200)).body.deadline).toBe('2027-09-30');
  });

  it('the overdue export holds every row (no 20,000 cap) and dates reports in the plans\u2019 zone', async () => {
    const overdue = id('上线一网通办');
    await as.kjt.post(`/api/tasks/${overdue}/progress`, { percent: 50, summary: '已上线试运行' }).expect(201);
    // 20,100 more overdue tasks in the plan, written in one statement
    const { plan, jurisdiction } = gs;
    const keyArea = gs.tasks['上线一网通办'].keyArea.id;
    await pool.query(
      `insert into task (id, plan_id, key_area_id, jurisdiction_id, position, kind, title, text, deadline, status)
       select gen_random_uuid(), $1, $2, $3, 100 + n, 'task', '批量任务' || n, '批量任务', date '2026-12-15', 'assigned'
         from generate_series(1, 20100) as n`,
      [plan.id, keyArea, jurisdiction.id],
    );
    expect((await as.coord.get('/api/review/overdue?pageSize=1').expect(200)).body.total).toBe(20101);

    const file = await as.coord.get('/api/review/overdue?format=xlsx').responseType('blob').expect(200);
    const rows = await sheetRows(file.body);
    expect(rows).toHaveLength(1 + 20101);
    expect(rows[1]).toEqual(expect.arrayContaining(['上线一网通办', '2027-01-05']));
    expect(rows[rows.length - 1][9]).toBe('从未报送');
    expect(new Set(rows.slice(1).map((r) => r[2])).size).toBe(20101);
  }, 120_000);
});

async function sheetRows(buffer: Buffer): Promise<unknown[][]> {
  const book = new Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
