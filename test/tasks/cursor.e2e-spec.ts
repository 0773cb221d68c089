import { Clock, ManualClock } from '@duban/clock';
import { startTestApi, type TestApi } from '../support/app';
import { type Client, client, login } from '../support/auth';
import { em, type SeededPlan, seedPlan, seedUser } from '../support/factories';

const PASSWORD = 'a-long-test-password';
const clock = new ManualClock('2018-06-01T09:00:00+08:00');

interface Item {
  id: string;
  title: string;
  planId: string;
  lead: Array<{ id: string }>;
  co: Array<{ id: string }>;
}
interface Answer {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
  nextCursor: string | null;
}

/** Keyset paging of the task list and the overdue review (issue 11): `cursor` in, `nextCursor` out. */
describe('task lists paged by cursor', () => {
  let api: TestApi;
  let first: SeededPlan;
  let second: SeededPlan;
  const as: Record<string, Client> = {};
  const sql = (text: string, params: unknown[] = []) => em(api.app).getConnection().execute(text, params);

  beforeAll(async () => {
    api = await startTestApi((b) => b.overrideProvider(Clock).useValue(clock));
    // key areas interleaved in document order: the list sorts by key area, then position
    const spec = (prefix: string) =>
      Array.from({ length: 9 }, (_, i) => ({
        title: `${prefix}${i + 1}`,
        keyArea: i % 3 === 1 ? '乙领域' : '甲领域',
        deadline: `2018-0${1 + (i % 4)}-1${i % 9}`,
        lead: [i % 2 ? '省交通厅' : '省商务厅'],
        co: ['省财政厅'],
      }));
    first = await seedPlan(api.app, '甘肃省', spec('一方案任务'), '甘肃省第一方案');
    second = await seedPlan(api.app, '甘肃省', spec('二方案任务'), '甘肃省第二方案');
    await seedPlan(api.app, '青海省', spec('青海任务'));
    // microseconds the JSON of a Date would lose: a cursor must carry them exactly
    await sql(`update plan set created_at = timestamptz '2018-01-01 08:00:00.123456+00' where id = ?`, [first.plan.id]);
    await sql(`update plan set created_at = timestamptz '2018-01-01 08:00:00.123457+00' where id = ?`, [second.plan.id]);
    const users = {
      coord: { role: 'coordinator', jurisdiction: '甘肃省' },
      qinghai: { role: 'coordinator', jurisdiction: '青海省' },
      jtt: { role: 'department', departmentId: first.departments['省交通厅'].id },
    } as const;
    for (const [key, user] of Object.entries(users)) {
      await seedUser(api.app, { email: `${key}@example.org`, password: PASSWORD, ...user });
      as[key] = client(api, await login(api, `${key}@example.org`, PASSWORD));
    }
  });
  afterAll(() => api.close());

  const get = async (who: Client, path: string): Promise<Answer> => (await who.get(path).expect(200)).body;
  const withCursor = (path: string, cursor: string) => `${path}${path.includes('?') ? '&' : '?'}cursor=${cursor}`;

  /** Every page of a listing by cursor, `between` run after each page. */
  const walk = async (who: Client, path: string, between: (page: number) => Promise<void> = async () => {}, from?: string) => {
    const pages: Answer[] = [await get(who, from ? withCursor(path, from) : path)];
    while (pages.at(-1)!.nextCursor) {
      await between(pages.length);
      pages.push(await get(who, withCursor(path, pages.at(-1)!.nextCursor!)));
    }
    return { pages, ids: pages.flatMap((p) => p.items.map((t) => t.id)) };
  };

  it('walks the whole list in its order, each task once, numbering the pages and carrying the total', async () => {
    const whole = await get(as.coord, '/api/tasks?pageSize=200');
    expect(whole.total).toBe(18);
    // plan by plan, then key area (甲 before 乙), then document order
    expect(whole.items.slice(0, 7).map((t) => t.title)).toEqual(['一方案任务1', '一方案任务3', '一方案任务4', '一方案任务6', '一方案任务7', '一方案任务9', '一方案任务2']);
    expect(whole.items[9].title).toBe('二方案任务1');
    for (const size of [1, 4, 5, 18]) {
      const { pages, ids } = await walk(as.coord, `/api/tasks?pageSize=${size}`);
      expect(ids).toEqual(whole.items.map((t) => t.id));
      expect(pages.map((p) => p.page)).toEqual(pages.map((_, i) => i + 1));
      expect(pages.every((p) => p.total === 18 && p.pageSize === size)).toBe(true);
      // the page a cursor answers is the one `page` answers, departments included
      if (pages.length > 2) expect(await get(as.coord, `/api/tasks?pageSize=${size}&page=3`)).toEqual({ ...pages[2], nextCursor: expect.any(String) });
    }
    // an OFFSET page hands out a cursor as well, for the page after it
    const third = await get(as.coord, '/api/tasks?pageSize=4&page=3');
    expect((await get(as.coord, withCursor('/api/tasks?pageSize=4', third.nextCursor!))).items).toEqual((await get(as.coord, '/api/tasks?pageSize=4&page=4')).items);
    expect((await get(as.coord, '/api/tasks?pageSize=18')).nextCursor).toEqual(expect.any(String));
    expect((await get(as.coord, withCursor('/api/tasks?pageSize=18', (await get(as.coord, '/api/tasks?pageSize=18')).nextCursor!))).items).toEqual([]);
  });

  it('neither repeats nor skips a task while tasks change status under the walk', async () => {
    const before = await get(as.coord, '/api/review/overdue?pageSize=200');
    expect(before.items.length).toBeGreaterThan(8);
    const ids = before.items.map((t) => t.id);
    const completed: string[] = [];
    // after each page: the first task of the page just read and one still ahead are completed
    // (both leave the overdue review); with OFFSET paging the one behind would shift a task past the walk
    const { ids: seen } = await walk(as.coord, '/api/review/overdue?pageSize=3', async (page) => {
      const behind = ids[(page - 1) * 3];
      const ahead = ids[page * 3 + 2];
      for (const id of [behind, ahead].filter((x) => x && !completed.includes(x))) {
        await sql(`update task set status = 'completed', completed_at = now(), version = version + 1 where id = ?`, [id]);
        completed.push(id);
      }
    });
    expect(new Set(seen).size).toBe(seen.length);
    // every task read in its order, minus those completed before the walk reached them
    const read = new Set(seen);
    expect(seen).toEqual(ids.filter((id) => read.has(id)));
    expect(ids.filter((id) => !read.has(id)).every((id) => completed.includes(id))).toBe(true);
    expect(ids.filter((id) => !completed.includes(id)).every((id) => read.has(id))).toBe(true);

    // the task list keeps them all (status is not in its order): the same walk while statuses move
    const list = (await get(as.coord, '/api/tasks?pageSize=200')).items.map((t) => t.id);
    const walked = await walk(as.coord, '/api/tasks?pageSize=4', async (page) => {
      await sql(`update task set status = case when status = 'completed' then 'in_progress' else 'completed' end where id in (?, ?)`, [list[page * 4 - 1], list[Math.min(page * 4 + 1, list.length - 1)]]);
    });
    expect(walked.ids).toEqual(list);
  });

  it('keeps the scope: a department its tasks, a coordinator its jurisdiction, whatever cursor is sent', async () => {
    const mine = await walk(as.jtt, '/api/tasks?pageSize=2');
    const held = (await get(as.jtt, '/api/tasks?pageSize=200')).items;
    expect(mine.ids).toEqual(held.map((t) => t.id));
    expect(held.every((t) => t.lead.some((d) => d.id === first.departments['省交通厅'].id))).toBe(true);
    // a coordinator's cursor in the department's hands, another jurisdiction's coordinator with Gansu's cursor
    const coordPage = await get(as.coord, '/api/tasks?pageSize=2');
    const borrowed = await walk(as.jtt, '/api/tasks?pageSize=2', undefined, coordPage.nextCursor!);
    expect(borrowed.ids.length).toBeGreaterThan(0);
    expect(borrowed.ids.every((id) => held.some((t) => t.id === id))).toBe(true);
    const foreign = await get(as.qinghai, withCursor('/api/tasks?pageSize=50', coordPage.nextCursor!));
    expect(foreign.items.every((t) => t.title.startsWith('青海任务'))).toBe(true);
    const overdue = await get(as.coord, '/api/review/overdue?pageSize=1');
    expect((await get(as.qinghai, withCursor('/api/review/overdue?pageSize=50', overdue.nextCursor!))).items.every((t) => t.title.startsWith('青海任务'))).toBe(true);
  });

  it('answers a malformed cursor with a 400 naming cursor', async () => {
    const listCursor = (await get(as.coord, '/api/tasks?pageSize=1')).nextCursor!;
    const parts = JSON.parse(Buffer.from(listCursor, 'base64url').toString());
    const cursors = [
      'not a cursor!',
      Buffer.from('{"page":2').toString('base64url'),
      Buffer.from(JSON.stringify(['p', 2, 18, 'x'])).toString('base64url'),
      Buffer.from(JSON.stringify([...parts.slice(0, 4), 'not-a-uuid', ...parts.slice(5)])).toString('base64url'),
      Buffer.from(JSON.stringify([parts[0], 0, ...parts.slice(2)])).toString('base64url'),
      'x'.repeat(1001),
    ];
    for (const cursor of cursors) {
      const res = await as.coord.get(`/api/tasks?cursor=${encodeURIComponent(cursor)}`).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'cursor' })]));
    }
    // the task list's cursor is not the overdue review's (another order)
    const res = await as.coord.get(`/api/review/overdue?cursor=${listCursor}`).expect(400);
    expect(res.body.errors).toEqual([{ field: 'cursor', message: expect.stringContaining('另一个列表') }]);
  });
});
