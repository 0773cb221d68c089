import request from 'supertest';
import { MikroORM } from '@mikro-orm/postgresql';
import { Clock, ManualClock } from '@duban/clock';
import { calendarFromData } from '@duban/domain';
import { WorkCalendarStore } from '@duban/notifications';
import { startTestApi, type TestApi } from '../support/app';
import { type Client, client, login } from '../support/auth';
import { em, seedPlan, seedUser } from '../support/factories';
import { eventually } from '../support/eventually';

/** The 2027 arrangement as the State Council might publish it (dates illustrative). */
const Y2027 = { holidays: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'], workdays: ['2027-01-31', '2027-02-20'] };

describe('the holiday calendar as data an admin extends', () => {
  let api: TestApi;
  let admin: Client;
  let coordinator: Client;

  beforeAll(async () => {
    api = await startTestApi((b) => b.overrideProvider(Clock).useValue(new ManualClock('2026-11-30T09:00:00+08:00')));
    await seedPlan(api.app, '日历省', [{ title: '明年春节前的任务', deadline: '2027-02-15', lead: ['省商务厅'] }, { title: '已完成的远期任务', deadline: '2029-01-10', lead: ['省商务厅'] }]);
    await em(api.app).execute(`update task set status = 'completed' where title = '已完成的远期任务'`);
    await seedUser(api.app, { email: 'admin@cal.cn', password: 'calendar-password', role: 'admin' });
    await seedUser(api.app, { email: 'coord@cal.cn', password: 'calendar-password', role: 'coordinator', jurisdiction: '日历省' });
    admin = client(api, await login(api, 'admin@cal.cn', 'calendar-password'));
    coordinator = client(api, await login(api, 'coord@cal.cn', 'calendar-password'));
  });
  afterAll(() => api?.close());

  it('is seeded from the chinese-days package up to 2026', async () => {
    const res = await admin.get('/api/calendar/2026').expect(200);
    expect(res.body).toMatchObject({ year: 2026, source: 'package' });
    expect(res.body.holidays).toContain('2026-10-01');
    expect(res.body.workdays).toContain('2026-02-14');
    await admin.get('/api/calendar/2027').expect(404);
  });

  it('/health warns (still 200) while open tasks have deadlines in a year without data; completed tasks do not count', async () => {
    // the first call starts the check in the background; a moment later it is in the answer
    const res = await eventually(async () => {
      const r = await request(api.http).get('/health').expect(200);
      expect(r.body.details.calendar).toMatchObject({ status: 'warning', yearsWithoutData: [2027] });
      return r;
    });
    expect(res.body.details.calendar.message).toContain('2027年尚无节假日安排数据');
  });

  it('only admins may read or change it; bad input is a 400 naming the entry', async () => {
    await coordinator.get('/api/calendar/2026').expect(403);
    await coordinator.put('/api/calendar/2027', Y2027).expect(403);
    await request(api.http).put('/api/calendar/2027').send(Y2027).expect(401);
    const bad = await admin.put('/api/calendar/2027', { holidays: ['2027-02-30'], workdays: ['2027-02-09'] }).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors).toEqual([
      { field: 'holidays[0]', message: '须为 2027 年内的日期，格式 YYYY-MM-DD' },
      { field: 'workdays', message: '2027-02-09 不是周末：只有周六、周日可以调休上班' },
    ]);
    expect((await admin.put('/api/calendar/abc', Y2027).expect(400)).body.errors).toEqual([{ field: 'year', message: '须为四位数字，例如 2027' }]);
    await admin.get('/api/calendar/2027').expect(404); // nothing half-stored
  });

  it('stores a year sent as JSON; the rules read it after a refresh and the warning goes away', async () => {
    const res = await admin.put('/api/calendar/2027', Y2027).expect(200);
    expect(res.body).toMatchObject({ year: 2027, source: 'api', holidays: Y2027.holidays, workdays: Y2027.workdays });
    // the worker's store, on the same database
    const store = new WorkCalendarStore(api.app.get(MikroORM).em);
    await store.refresh();
    expect(store.calendar.isWorkday('2027-02-08')).toBe(false); // a Monday of the Spring Festival
    expect(store.calendar.isWorkday('2027-02-20')).toBe(true); // a 调休 Saturday
    expect(store.covers(2027)).toBe(true);
    await eventually(async () => expect((await request(api.http).get('/health').expect(200)).body.details.calendar).toBeUndefined());
    // recorded in the audit log with what it replaced
    const [entry] = await em(api.app).execute(`select actor_email, action, target_type, target_id, details from audit_log where action = 'calendar.year_replaced'`);
    expect(entry).toMatchObject({ actor_email: 'admin@cal.cn', target_type: 'calendar_year', target_id: '2027', details: { source: 'api', before: null, after: Y2027 } });
  });

  it('replaces a year from an uploaded .ics file (DTSTART/DTEND ranges, 班 marks working days)', async () => {
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270205', 'DTEND;VALUE=DATE:20270212', 'SUMMARY:春节(休)', 'END:VEVENT',
      'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270220', 'DTEND;VALUE=DATE:20270221', 'SUMMARY:春节(班)', 'DESCRIPTION:班', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    const bearer = await login(api, 'admin@cal.cn', 'calendar-password');
    const up = await request(api.http).put('/api/calendar/2027/ics').set('Authorization', bearer).attach('file', Buffer.from(ics), 'holidays.ics').expect(200);
    expect(up.body).toMatchObject({ year: 2027, source: 'ics', workdays: ['2027-02-20'] });
    expect(up.body.holidays).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11']);
    const none = await request(api.http).put('/api/calendar/2027/ics').set('Authorization', bearer).attach('file', Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR'), 'x.ics').expect(400);
    expect(none.body.errors).toEqual([{ field: 'file', message: '未找到 VEVENT' }]);
    expect(calendarFromData([{ year: 2027, ...up.body }]).isWorkday('2027-01-01')).toBe(true); // 元旦 was not in this file
  });
});
