import request from 'supertest';
import { ensureDemoUsers, formatDemoLogins } from '@duban/auth';
import { startTestApi, type TestApi } from '../support/app';
import { em, seedPlan } from '../support/factories';

describe('ensureDemoUsers (called by the seed command)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    await seedPlan(api.app, '青海省', [{ title: '任务一', deadline: '2018-06-30', lead: ['各有关部门', '省科技厅'], co: ['省财政厅'] }]);
    await seedPlan(api.app, '陕西省', [{ title: '任务二', deadline: '2018-06-30', lead: ['陕西省发展改革委'] }]);
  });
  afterAll(() => api.close());

  it('creates an admin, a coordinator per jurisdiction, a lead department user and an observer, all able to log in', async () => {
    const logins = await ensureDemoUsers(em(api.app));
    expect(logins.map((l) => [l.role, l.scope])).toEqual([
      ['admin', '全部'],
      ['coordinator', '青海省'],
      ['coordinator', '陕西省'],
      ['department', '青海省 省科技厅'],
      ['observer', '青海省'],
    ]);
    for (const l of logins) {
      const res = await request(api.http).post('/api/auth/login').send({ email: l.email, password: l.password }).expect(200);
      expect(res.body.user.role).toBe(l.role);
    }
    expect(formatDemoLogins(logins)).toContain(logins[0].password);
  });

  it('gives the same users new passwords on a second run, creating nobody twice', async () => {
    const first = await ensureDemoUsers(em(api.app));
    const second = await ensureDemoUsers(em(api.app));
    expect(second.map((l) => l.email)).toEqual(first.map((l) => l.email));
    expect(second[0].password).not.toBe(first[0].password);
    await request(api.http).post('/api/auth/login').send({ email: first[0].email, password: first[0].password }).expect(401);
    await request(api.http).post('/api/auth/login').send({ email: second[0].email, password: second[0].password }).expect(200);
  });

  it('keeps the department login where it was when a plan imported earlier now comes first', async () => {
    const before = (await ensureDemoUsers(em(api.app))).find((l) => l.role === 'department')!;
    await em(api.app).getConnection().execute(`update plan set created_at = created_at - interval '1 day' where jurisdiction_id = (select id from jurisdiction where name = '陕西省')`);
    const after = await ensureDemoUsers(em(api.app));
    expect(after.find((l) => l.role === 'department')!.scope).toBe(before.scope);
    expect(after.find((l) => l.role === 'observer')!.scope).toBe('青海省');
  });
});
