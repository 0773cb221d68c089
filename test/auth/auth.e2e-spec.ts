import { MikroORM } from '@mikro-orm/postgresql';
import request from 'supertest';
import { ensureAdmin } from '@duban/auth';
import { Department, Jurisdiction, User } from '@duban/persistence';
import { startTestApi, type TestApi } from '../support/app';
import { login } from '../support/auth';

const ADMIN = { email: 'root@example.org', password: 'correct horse battery' };

describe('auth: login, tokens, users, the global guard', () => {
  let api: TestApi;
  let admin: string;
  beforeAll(async () => {
    process.env.ADMIN_EMAIL = ADMIN.email;
    process.env.ADMIN_PASSWORD = ADMIN.password;
    api = await startTestApi();
    admin = await login(api, ADMIN.email, ADMIN.password);
  });
  afterAll(() => api.close());

  const em = () => api.app.get(MikroORM).em.fork();

  it('creates the ADMIN_EMAIL admin at start-up, once, with an argon2id hash', async () => {
    const admins = await em().find(User, { role: 'admin' }, { populate: ['passwordHash'] });
    expect(admins.map((u) => u.email)).toEqual([ADMIN.email]);
    expect(admins[0].passwordHash).toMatch(/^\$argon2id\$/);
    expect(await ensureAdmin(em(), 'other@example.org', 'another long password')).toBe(false);
  });

  it('logs in with a short-lived token, a refresh token and the user', async () => {
    const res = await request(api.http).post('/api/auth/login').send({ email: 'ROOT@example.org', password: ADMIN.password }).expect(200);
    expect(res.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    expect(res.body.user).toMatchObject({ email: ADMIN.email, role: 'admin', jurisdiction: null, department: null });
    expect(res.body.user.passwordHash).toBeUndefined();
    const me = await request(api.http).get('/api/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.email).toBe(ADMIN.email);
  });

  it('answers an unknown user and a wrong password the same way', async () => {
    const unknown = await request(api.http).post('/api/auth/login').send({ email: 'nobody@example.org', password: 'whatever1' }).expect(401);
    const wrong = await request(api.http).post('/api/auth/login').send({ email: ADMIN.email, password: 'whatever1' }).expect(401);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    const { instance: _a, ...a } = unknown.body;
    const { instance: _b, ...b } = wrong.body;
    expect(a).toEqual(b);
  });

  it('validates the login body like any other: 400 naming each field', async () => {
    const res = await request(api.http).post('/api/auth/login').send({ email: 42 }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('rate-limits failed logins per account: the right password does not help once blocked', async () => {
    await createUser({ email: 'victim@example.org', password: 'blue-kettle-morning', role: 'admin' });
    for (let i = 0; i < 10; i++) await request(api.http).post('/api/auth/login').send({ email: 'victim@example.org', password: `guess-${i}` }).expect(401);
    const blocked = await request(api.http).post('/api/auth/login').send({ email: 'victim@example.org', password: 'blue-kettle-morning' }).expect(429);
    expect(blocked.body.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('rotates refresh tokens and revokes them all when a spent one comes back', async () => {
    const first = (await request(api.http).post('/api/auth/login').send(ADMIN).expect(200)).body;
    const second = (await request(api.http).post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await request(api.http).get('/api/auth/me').set('Authorization', `Bearer ${second.accessToken}`).expect(200);
    await request(api.http).post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    await request(api.http).post('/api/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
    await request(api.http).post('/api/auth/refresh').send({ refreshToken: 'garbage' }).expect(401);
  });

  it('logs out by revoking the refresh token', async () => {
    const tokens = (await request(api.http).post('/api/auth/login').send(ADMIN).expect(200)).body;
    await request(api.http).post('/api/auth/logout').set('Authorization', `Bearer ${tokens.accessToken}`).send({ refreshToken: tokens.refreshToken }).expect(204);
    await request(api.http).post('/api/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
  });

  it('denies by default: no token 401, a bad token 401, /health stays public', async () => {
    await request(api.http).get('/health').expect(200);
    const res = await request(api.http).get('/api/users').expect(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    await request(api.http).get('/api/users').set('Authorization', 'Bearer not.a.jwt').expect(401);
    await request(api.http).get('/api/users').set('Authorization', admin).expect(200);
  });

  it('lets an admin create users bound to a jurisdiction or a department', async () => {
    const coordinator = await request(api.http)
      .post('/api/users')
      .set('Authorization', admin)
      .send({ email: 'office@qh.example.org', password: 'coordinator-pass', role: 'coordinator', jurisdiction: '青海省' })
      .expect(201);
    expect(coordinator.body).toEqual({ id: expect.any(String) });
    const jurisdiction = await em().findOneOrFail(Jurisdiction, { name: '青海省' });
    const department = em().create(Department, { jurisdiction: jurisdiction.id, name: '省科技厅', nameKey: '省科技厅' });
    await em().persist(department).flush();
    await request(api.http)
      .post('/api/users')
      .set('Authorization', admin)
      .send({ email: 'kjt@qh.example.org', password: 'department-pass', role: 'department', departmentId: department.id })
      .expect(201);
    const office = await request(api.http).post('/api/auth/login').send({ email: 'office@qh.example.org', password: 'coordinator-pass' }).expect(200);
    expect(office.body.user).toMatchObject({ role: 'coordinator', jurisdiction: '青海省', jurisdictionId: jurisdiction.id });
    const kjt = await request(api.http).post('/api/auth/login').send({ email: 'kjt@qh.example.org', password: 'department-pass' }).expect(200);
    expect(kjt.body.user).toMatchObject({ role: 'department', jurisdictionId: jurisdiction.id, department: { id: department.id, name: '省科技厅' } });
    // a coordinator is not an admin: it sees its own jurisdiction's accounts only
    const seen = await request(api.http).get('/api/users').set('Authorization', `Bearer ${office.body.accessToken}`).expect(200);
    expect(seen.body.items.map((u: { email: string }) => u.email).sort()).toEqual(['kjt@qh.example.org', 'office@qh.example.org']);
    await request(api.http)
      .post('/api/users')
      .set('Authorization', `Bearer ${office.body.accessToken}`)
      .send({ email: 'x@qh.example.org', password: 'xxxxxxxxxx', role: 'admin' })
      .expect(403);
  });

  it('answers bad user bodies with 400 naming the fields, a taken email with 409', async () => {
    const bad = await request(api.http).post('/api/users').set('Authorization', admin).send({ email: 'nope', password: 'short', role: 'king', extra: 1 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['email', 'password', 'role', 'extra']));
    const noDepartment = await request(api.http).post('/api/users').set('Authorization', admin).send({ email: 'd@example.org', password: 'long enough', role: 'department' }).expect(400);
    expect(noDepartment.body.errors).toEqual([{ field: 'departmentId', message: expect.any(String) }]);
    const noJurisdiction = await request(api.http).post('/api/users').set('Authorization', admin).send({ email: 'o@example.org', password: 'long enough', role: 'observer' }).expect(400);
    expect(noJurisdiction.body.errors).toEqual([{ field: 'jurisdiction', message: expect.any(String) }]);
    await request(api.http).post('/api/users').set('Authorization', admin).send({ email: ADMIN.email, password: 'long enough', role: 'admin' }).expect(409);
  });

  async function createUser(body: object): Promise<void> {
    await request(api.http).post('/api/users').set('Authorization', admin).send(body).expect(201);
  }
});
