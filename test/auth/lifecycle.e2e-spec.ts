import { MikroORM } from '@mikro-orm/postgresql';
import { AuthRedis, SessionVersions } from '@duban/auth';
import { Clock, ManualClock } from '@duban/clock';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import request from 'supertest';
import { eventually } from '../support/eventually';
import { startTestApi, type TestApi } from '../support/app';
import { client, login } from '../support/auth';
import { em, type SeededPlan, seedPlan, seedUser } from '../support/factories';

const PASSWORD = 'lifecycle-password-1';

describe('account lifecycle: list, change, disable — access follows at once', () => {
  let api: TestApi;
  let qh: SeededPlan;
  let admin: ReturnType<typeof client>;
  let coordinator: ReturnType<typeof client>;
  const clock = new ManualClock('2018-01-01T09:00:00+08:00');
  const idOf = async (email: string) => (await em(api.app).getConnection().execute<Array<{ id: string }>>('select id from app_user where email = ?', [email]))[0].id;
  const tokens = async (email: string) => (await request(api.http).post('/api/auth/login').send({ email, password: PASSWORD }).expect(200)).body;

  beforeAll(async () => {
    api = await startTestApi((b) => b.overrideProvider(Clock).useValue(clock));
    qh = await seedPlan(api.app, '青海省', [{ title: '任务', lead: ['省发展改革委'], co: ['省科技厅'] }]);
    await seedPlan(api.app, '陕西省', [{ title: '任务', lead: ['陕西省科技厅'] }]);
    await seedUser(api.app, { email: 'admin@example.org', password: PASSWORD, role: 'admin' });
    await seedUser(api.app, { email: 'coord@example.org', password: PASSWORD, role: 'coordinator', jurisdiction: '青海省' });
    await seedUser(api.app, { email: 'clerk@example.org', password: PASSWORD, role: 'department', departmentId: qh.departments['省发展改革委'].id });
    await seedUser(api.app, { email: 'watcher@example.org', password: PASSWORD, role: 'observer', jurisdiction: '青海省' });
    await seedUser(api.app, { email: 'sx-watcher@example.org', password: PASSWORD, role: 'observer', jurisdiction: '陕西省' });
    admin = client(api, await login(api, 'admin@example.org', PASSWORD));
    coordinator = client(api, await login(api, 'coord@example.org', PASSWORD));
  });
  afterAll(() => api.close());

  it('lists users with filters and paging; a coordinator sees its own jurisdiction only', async () => {
    const all = await admin.get('/api/users?pageSize=2').expect(200);
    expect(all.body).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(all.body.items).toHaveLength(2);
    const observers = await admin.get('/api/users?role=observer').expect(200);
    expect(observers.body.items.map((u: { email: string }) => u.email).sort()).toEqual(['sx-watcher@example.org', 'watcher@example.org']);
    const search = await admin.get('/api/users?q=CLERK').expect(200);
    expect(search.body.items.map((u: { email: string }) => u.email)).toEqual(['clerk@example.org']);
    const own = await coordinator.get('/api/users').expect(200);
    expect(own.body.items.map((u: { email: string }) => u.email).sort()).toEqual(['clerk@example.org', 'coord@example.org', 'watcher@example.org']);
    const bad = await admin.get('/api/users?disabled=maybe&role=king').expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['disabled', 'role']);
  });

  it('disabling a user refuses its very next request, its refresh tokens and its login', async () => {
    const clerk = await tokens('clerk@example.org');
    const clerkId = await idOf('clerk@example.org');
    await request(api.http).get('/api/auth/me').set('Authorization', `Bearer ${clerk.accessToken}`).expect(200);
    const res = await coordinator.patch(`/api/users/${clerkId}`, { disabled: true }).expect(200);
    expect(res.body).toMatchObject({ id: clerkId, disabled: true });
    const refused = await request(api.http).get('/api/auth/me').set('Authorization', `Bearer ${clerk.accessToken}`).expect(401);
    expect(refused.body.detail).toMatch(/会话已结束/);
    await request(api.http).post('/api/auth/refresh').send({ refreshToken: clerk.refreshToken }).expect(401);
    await request(api.http).post('/api/auth/login').send({ email: 'clerk@example.org', password: PASSWORD }).expect(401);
    // enabled again: a fresh login works, the old token stays dead
    await coordinator.patch(`/api/users/${clerkId}`, { disabled: false }).expect(200);
    const again = await tokens('clerk@example.org');
    await request(api.http).get('/api/auth/me').set('Authorization', `Bearer ${again.accessToken}`).expect(200);
    await request(api.http).get('/api/auth/me').set('Authorization', `Bearer ${clerk.accessToken}`).expect(401);
    const audit = await admin.get(`/api/audit?action=user.*&targetId=${clerkId}`).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['user.updated', 'user.disabled']);
    expect(audit.body.items[1]).toMatchObject({ actorRole: 'coordinator', actorEmail: 'coord@example.org', jurisdictionId: qh.jurisdiction.id, details: { before: { disabled: false }, after: { disabled: true } } });
  });

  it('checks the session without PostgreSQL on the hot path: a change behind its back goes unseen, one through the API is seen', async () => {
    const watcher = await tokens('watcher@example.org');
    const id = await idOf('watcher@example.org');
    await request(api.http).get('/api/auth/me').set('Authorization', `Bearer ${watcher.accessToken}`).expect(200);
    // bypassing the service: the cached state still answers (this is what "no round trip" means)
    await em(api.app).getConnection().execute('update app_user set session_version = session_version + 100 where id = ?', [id]);
    await request(api.http).get('/api/auth/me').set('Authorization', `Bearer ${watcher.accessToken}`).expect(200);
    await em(api.app).getConnection().execute('update app_user set session_version = session_version - 100 where id = ?', [id]);
    await admin.patch(`/api/users/${id}`, { role: 'department', departmentId: qh.departments['省科技厅'].id }).expect(200);
    await request(api.http).get('/api/auth/me').set('Authorization', `Bearer ${watcher.accessToken}`).expect(401);
    const moved = await tokens('watcher@example.org');
    expect(moved.user).toMatchObject({ role: 'department', department: { name: '省科技厅' }, jurisdictionId: qh.jurisdiction.id });
  });

  it('invalidates across API replicas through Redis', async () => {
    // a second replica's session cache (a second Nest app in this process would replace the
    // first one's passport strategies, which passport keeps globally)
    const config = api.app.get<AppConfig>(APP_CONFIG);
    const redis = new AuthRedis(config);
    const replica = new SessionVersions(api.app.get(MikroORM).em, redis);
    replica.onModuleInit();
    try {
      const id = await idOf('sx-watcher@example.org');
      await eventually(async () => expect(await redis.commands.pubsub('NUMSUB', redis.key('session-changed'))).toEqual([redis.key('session-changed'), 2]));
      expect(await replica.current(id)).toEqual({ version: 0, disabled: false });
      await admin.patch(`/api/users/${id}`, { disabled: true }).expect(200);
      await eventually(async () => expect(await replica.current(id)).toEqual({ version: 1, disabled: true }));
    } finally {
      redis.onModuleDestroy();
    }
  });

  it('changes display name and phone without ending sessions', async () => {
    const clerk = await tokens('clerk@example.org');
    const id = await idOf('clerk@example.org');
    const res = await coordinator.patch(`/api/users/${id}`, { displayName: ' 张三 ', phone: '0971-1234567' }).expect(200);
    expect(res.body).toMatchObject({ displayName: '张三', phone: '0971-1234567' });
    await request(api.http).get('/api/auth/me').set('Authorization', `Bearer ${clerk.accessToken}`).expect(200);
    const bad = await coordinator.patch(`/api/users/${id}`, { phone: 'call me', extra: 1 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'phone']);
  });

  it('keeps a coordinator to department and observer accounts of its jurisdiction, never raising a role', async () => {
    const clerkId = await idOf('clerk@example.org');
    await coordinator.patch(`/api/users/${clerkId}`, { role: 'coordinator', jurisdiction: '青海省' }).expect(403);
    await coordinator.patch(`/api/users/${clerkId}`, { role: 'admin' }).expect(403);
    await coordinator.patch(`/api/users/${clerkId}`, { role: 'observer', jurisdiction: '陕西省' }).expect(403);
    await coordinator.patch(`/api/users/${await idOf('sx-watcher@example.org')}`, { disabled: false }).expect(403);
    await coordinator.patch(`/api/users/${await idOf('admin@example.org')}`, { displayName: 'x' }).expect(403);
    await coordinator.patch(`/api/users/${await idOf('coord@example.org')}`, { displayName: 'x' }).expect(403);
    await coordinator.patch('/api/users/00000000-0000-4000-8000-000000000000', { displayName: 'x' }).expect(404);
    await coordinator.post('/api/users', { email: 'boss@example.org', password: PASSWORD, role: 'admin' }).expect(403);
    await coordinator.post('/api/users', { email: 'sx@example.org', password: PASSWORD, role: 'observer', jurisdiction: '陕西省' }).expect(403);
    await coordinator.post('/api/users', { email: 'new-clerk@example.org', password: PASSWORD, role: 'department', departmentId: qh.departments['省科技厅'].id }).expect(201);
    await coordinator.patch(`/api/users/${clerkId}`, { role: 'observer' }).expect(200);
    const me = await admin.get('/api/auth/me').expect(200);
    const self = await admin.patch(`/api/users/${me.body.id}`, { disabled: true }).expect(400);
    expect(self.body.errors[0].field).toBe('disabled');
  });
});
