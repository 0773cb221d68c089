import { Clock, ManualClock } from '@duban/clock';
import { startTestApi, type TestApi } from '../support/app';
import { type Client, client, login } from '../support/auth';
import { em, type SeededPlan, seedPlan, seedUser } from '../support/factories';

const PASSWORD = 'a-long-test-password';
const clock = new ManualClock('2018-03-01T09:00:00+08:00');

/** The one-statement page and the one-statement progress report (issue 11): same answers as before. */
describe('task pages and progress reports, each in one statement', () => {
  let api: TestApi;
  let plan: SeededPlan;
  const as: Record<string, Client> = {};
  const titles = Array.from({ length: 7 }, (_, i) => `任务${i + 1}`);

  beforeAll(async () => {
    api = await startTestApi((b) => b.overrideProvider(Clock).useValue(clock));
    plan = await seedPlan(api.app, '甘肃省', [
      ...titles.map((title, i) => ({ title, deadline: `2018-0${1 + (i % 3)}-1${i}`, lead: [i % 2 ? '省交通厅' : '省商务厅'], co: ['省财政厅'] })),
      { title: '无期限任务', deadline: null, lead: ['省交通厅'] },
    ]);
    const users = {
      coord: { role: 'coordinator', jurisdiction: '甘肃省' },
      jtt: { role: 'department', departmentId: plan.departments['省交通厅'].id },
      czt: { role: 'department', departmentId: plan.departments['省财政厅'].id },
      swt: { role: 'department', departmentId: plan.departments['省商务厅'].id },
    } as const;
    for (const [key, user] of Object.entries(users)) {
      await seedUser(api.app, { email: `${key}@example.org`, password: PASSWORD, ...user });
      as[key] = client(api, await login(api, `${key}@example.org`, PASSWORD));
    }
  });
  afterAll(() => api.close());

  const pages = async (who: Client, path: string, pageSize: number) => {
    const seen: Array<{ id: string; title: string; lead: unknown[]; co: unknown[] }> = [];
    for (let page = 1; ; page++) {
      const body = (await who.get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&pageSize=${pageSize}`).expect(200)).body;
      seen.push(...body.items);
      if (body.items.length < pageSize) return { seen, total: body.total as number };
    }
  };

  it('cuts pages in the order of the whole list, each task once, with the total on every page and past the end', async () => {
    const whole = (await as.coord.get('/api/tasks?pageSize=200').expect(200)).body;
    expect(whole.total).toBe(8);
    for (const size of [1, 3, 5]) {
      const { seen, total } = await pages(as.coord, '/api/tasks', size);
      expect(total).toBe(8);
      expect(seen.map((t) => t.id)).toEqual(whole.items.map((t: { id: string }) => t.id));
    }
    expect((await as.coord.get('/api/tasks?page=9&pageSize=1').expect(200)).body).toMatchObject({ items: [], total: 8, page: 9 });
    expect((await as.coord.get('/api/tasks?page=2&pageSize=2').expect(200)).body.items[1]).toMatchObject({
      title: '任务4',
      lead: [{ id: plan.departments['省交通厅'].id, name: '省交通厅' }],
      co: [{ id: plan.departments['省财政厅'].id, name: '省财政厅' }],
    });
  });

  it('pages the overdue review most overdue first, and a department only its own tasks', async () => {
    const overdue = (await as.coord.get('/api/review/overdue?pageSize=200').expect(200)).body;
    const deadlines = overdue.items.map((t: { deadline: string }) => t.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
    expect(overdue.items.every((t: { daysOverdue: number }) => t.daysOverdue > 0)).toBe(true);
    const { seen } = await pages(as.coord, '/api/review/overdue', 2);
    expect(seen.map((t) => t.id)).toEqual(overdue.items.map((t: { id: string }) => t.id));
    const mine = await pages(as.jtt, '/api/tasks', 2);
    expect(mine.total).toBe(4);
    expect(mine.seen.map((t) => t.title).sort()).toEqual(['任务2', '任务4', '任务6', '无期限任务']);
  });

  it('answers the report written however long the history, starts an accepted task once on the lead’s report, and refuses what it must', async () => {
    const task = plan.tasks['任务1'].id;
    await as.swt.post(`/api/tasks/${task}/accept`, {}).expect(200);
    for (let i = 1; i <= 30; i++) {
      clock.advance(60_000);
      const res = await as.czt.post(`/api/tasks/${task}/progress`, { percent: i, summary: `第${i}次`, evidenceUrls: ['https://example.org/e.pdf'] }).expect(201);
      expect(res.body).toMatchObject({ taskId: task, percent: i, summary: `第${i}次`, role: 'co', department: { name: '省财政厅' }, author: { email: 'czt@example.org' }, evidenceUrls: ['https://example.org/e.pdf'], nextSteps: null, createdAt: clock.now().toISOString() });
    }
    const history = (await as.swt.get(`/api/tasks/${task}/progress`).expect(200)).body;
    expect(history).toHaveLength(30);
    expect(history[0].percent).toBe(30);
    const starts = () => em(api.app).getConnection().execute(`select type, before, after from task_event where task_id = ? and type = 'start'`, [task]);
    const status = async () => (await as.coord.get(`/api/tasks/${task}`).expect(200)).body.status;
    // the co department's reports leave the lead's task where it is
    expect(await status()).toBe('accepted');
    expect(await starts()).toEqual([]);
    // the lead's first report starts it, once
    for (const percent of [40, 50]) await as.swt.post(`/api/tasks/${task}/progress`, { percent, summary: '牵头单位报送' }).expect(201);
    expect(await status()).toBe('in_progress');
    expect(await starts()).toEqual([{ type: 'start', before: { status: 'accepted' }, after: { status: 'in_progress' } }]);

    await as.jtt.post(`/api/tasks/${task}/progress`, { percent: 1, summary: '不是我的' }).expect(403);
    await as.jtt.post('/api/tasks/not-a-uuid/progress', { percent: 1, summary: 'x' }).expect(404);
    await em(api.app).getConnection().execute(`update task set removed_at = now() where id = ?`, [plan.tasks['任务3'].id]);
    const dropped = await as.swt.post(`/api/tasks/${plan.tasks['任务3'].id}/progress`, { percent: 1, summary: 'x' }).expect(409);
    expect(dropped.body.currentStatus).toBe('assigned');
    const count = await em(api.app).getConnection().execute(`select count(*)::int as n from progress_report where task_id = ?`, [plan.tasks['任务3'].id]);
    expect(count).toEqual([{ n: 0 }]);
  });
});
