import { randomBytes } from 'node:crypto';
import { Clock, ManualClock } from '@duban/clock';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/app';
import { client, login } from '../support/auth';
import { eventually } from '../support/eventually';
import { em, type SeededPlan, seedPlan, seedUser } from '../support/factories';
import { startWorkerContext, workerTestEnv, type WorkerTestEnv } from '../support/worker';

const PASSWORD = 'first-password-qh';

describe('passwords: change, reset by link, set on a new account', () => {
  const clock = new ManualClock('2018-03-01T09:00:00+08:00');
  let api: TestApi;
  let env: WorkerTestEnv;
  let worker: Awaited<ReturnType<typeof startWorkerContext>>;
  let qh: SeededPlan;
  let admin: ReturnType<typeof client>;
  let coordinator: ReturnType<typeof client>;
  const idOf = async (email: string) => (await em(api.app).getConnection().execute<Array<{ id: string }>>('select id from app_user where email = ?', [email]))[0].id;
  /** The set-password token from the newest mail to `to`, read from the caught .eml like a person would. */
  const linkTokenFor = async (to: string, count: number) =>
    eventually(() => {
      const mails = env.mailbox().filter((m) => m.to.some((t) => t.includes(to)));
      expect(mails).toHaveLength(count);
      const token = /\/set-password#token=([\w-]+)/.exec(mails[count - 1].text)?.[1];
      expect(token).toBeDefined();
      return { token: token!, mail: mails[count - 1] };
    });
  const setPassword = (token: string, newPassword: string) => request(api.http).post('/api/auth/password/set').send({ token, newPassword });

  beforeAll(async () => {
    process.env.QUEUE_PREFIX = `tpw${randomBytes(4).toString('hex')}`;
    api = await startTestApi((b) => b.overrideProvider(Clock).useValue(clock));
    env = await workerTestEnv({ databaseUrl: api.databaseUrl, prefix: process.env.QUEUE_PREFIX });
    worker = await startWorkerContext(env, clock, { worker: true });
    qh = await seedPlan(api.app, '青海省', [{ title: '任务', lead: ['省发展改革委'] }]);
    await seedUser(api.app, { email: 'admin@example.org', password: PASSWORD, role: 'admin' });
    await seedUser(api.app, { email: 'coord@example.org', password: PASSWORD, role: 'coordinator', jurisdiction: '青海省' });
    await seedUser(api.app, { email: 'clerk@example.org', password: PASSWORD, role: 'department', departmentId: qh.departments['省发展改革委'].id });
    admin = client(api, await login(api, 'admin@example.org', PASSWORD));
    coordinator = client(api, await login(api, 'coord@example.org', PASSWORD));
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await env.close();
  });

  it('a reset link works once and never again; the new password ends the old sessions', async () => {
    const clerkId = await idOf('clerk@example.org');
    const before = (await request(api.http).post('/api/auth/login').send({ email: 'clerk@example.org', password: PASSWORD }).expect(200)).body;
    const reset = await coordinator.post(`/api/users/${clerkId}/password-reset`).expect(202);
    expect(reset.body).toEqual({ expiresAt: '2018-03-02T01:00:00.000Z' });
    const { token, mail } = await linkTokenFor('clerk@example.org', 1);
    expect(mail.subject).toContain('重置登录密码');
    expect(mail.text).toContain('http://127.0.0.1:3000/set-password#token=');
    // asking for the link changes nothing yet: the old password still works
    await request(api.http).post('/api/auth/login').send({ email: 'clerk@example.org', password: PASSWORD }).expect(200);

    const weak = await setPassword(token, 'password123').expect(400);
    expect(weak.body.errors).toEqual([{ field: 'newPassword', rule: 'common', message: expect.any(String) }]);
    await setPassword(token, 'a-brand-new-secret').expect(204);
    const again = await setPassword(token, 'another-new-secret').expect(400);
    expect(again.body.errors[0].field).toBe('token');

    await request(api.http).get('/api/auth/me').set('Authorization', `Bearer ${before.accessToken}`).expect(401);
    await request(api.http).post('/api/auth/refresh').send({ refreshToken: before.refreshToken }).expect(401);
    await request(api.http).post('/api/auth/login').send({ email: 'clerk@example.org', password: PASSWORD }).expect(401);
    await request(api.http).post('/api/auth/login').send({ email: 'clerk@example.org', password: 'a-brand-new-secret' }).expect(200);
    const audit = await admin.get(`/api/audit?targetId=${clerkId}&action=auth.password*`).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['auth.password_set', 'auth.password_reset_requested']);
    expect(JSON.stringify(audit.body)).not.toContain(token);
  });

  it('a newer link voids the older one, and a link expires', async () => {
    const clerkId = await idOf('clerk@example.org');
    await admin.post(`/api/users/${clerkId}/password-reset`).expect(202);
    const first = await linkTokenFor('clerk@example.org', 2);
    await admin.post(`/api/users/${clerkId}/password-reset`).expect(202);
    const second = await linkTokenFor('clerk@example.org', 3);
    await setPassword(first.token, 'void-link-password').expect(400);
    clock.advance(25 * 3_600_000);
    try {
      await setPassword(second.token, 'expired-link-password').expect(400);
    } finally {
      clock.advance(-25 * 3_600_000);
    }
    await request(api.http).post('/api/auth/login').send({ email: 'clerk@example.org', password: 'a-brand-new-secret' }).expect(200);
  });

  it('an account created without a password gets the same link', async () => {
    const created = await coordinator.post('/api/users', { email: 'newcomer@example.org', role: 'observer', jurisdiction: '青海省' }).expect(201);
    const { token, mail } = await linkTokenFor('newcomer@example.org', 1);
    expect(mail.subject).toContain('账号已开通');
    await setPassword(token, 'lake-and-mountain-42').expect(204);
    const res = await request(api.http).post('/api/auth/login').send({ email: 'newcomer@example.org', password: 'lake-and-mountain-42' }).expect(200);
    expect(res.body.user).toMatchObject({ id: created.body.id, role: 'observer' });
  });

  it('changes one’s own password: the current one is required, the policy names the rule, other sessions end', async () => {
    await seedUser(api.app, { email: 'self@example.org', password: PASSWORD, role: 'observer', jurisdiction: '青海省' });
    const other = (await request(api.http).post('/api/auth/login').send({ email: 'self@example.org', password: PASSWORD }).expect(200)).body;
    const self = client(api, await login(api, 'self@example.org', PASSWORD));
    const wrong = await self.post('/api/auth/password', { currentPassword: 'not-it-at-all', newPassword: 'a-good-new-secret' }).expect(400);
    expect(wrong.body.errors[0].field).toBe('currentPassword');
    for (const [newPassword, rule] of [['short', 'min_length'], ['self@example.org!', 'not_email'], ['qwerty123456', 'common']]) {
      const res = await self.post('/api/auth/password', { currentPassword: PASSWORD, newPassword }).expect(400);
      expect({ newPassword, rule: res.body.rule, field: res.body.errors[0].field }).toEqual({ newPassword, rule, field: 'newPassword' });
    }
    const changed = await self.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a-good-new-secret' }).expect(200);
    await request(api.http).get('/api/auth/me').set('Authorization', `Bearer ${changed.body.accessToken}`).expect(200);
    await request(api.http).get('/api/auth/me').set('Authorization', `Bearer ${other.accessToken}`).expect(401);
    await request(api.http).post('/api/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
    await request(api.http).post('/api/auth/refresh').send({ refreshToken: changed.body.refreshToken }).expect(200);
  });

  it('keeps resets to the accounts the caller manages', async () => {
    await coordinator.post(`/api/users/${await idOf('admin@example.org')}/password-reset`).expect(403);
    await coordinator.post('/api/users/00000000-0000-4000-8000-000000000000/password-reset').expect(404);
    const bad = await coordinator.post('/api/users', { email: 'weak@example.org', password: 'password1', role: 'observer', jurisdiction: '青海省' }).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'password' });
    const common = await coordinator.post('/api/users', { email: 'weak@example.org', password: 'password1234', role: 'observer', jurisdiction: '青海省' }).expect(400);
    expect(common.body.errors[0]).toMatchObject({ field: 'password', rule: 'common' });
  });
});
