import { Writable } from 'node:stream';
import { Clock, ManualClock } from '@duban/clock';
import { createLogger } from '@duban/http';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/app';
import { client, login } from '../support/auth';
import { em, seedUser } from '../support/factories';

const PASSWORD = 'hardening-secret-qh';

describe('hardening: the queue board without tokens in URLs, security headers, body limits, TLS proxy', () => {
  let api: TestApi;
  const logLines: string[] = [];
  let adminBearer: string;

  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _enc, done) => void (logLines.push(String(chunk)), done()) });
    api = await startTestApi((b) => b.overrideProvider(Clock).useValue(new ManualClock('2018-01-01T09:00:00+08:00')), { logger: createLogger('info', 'api', sink) });
    await seedUser(api.app, { email: 'admin@example.org', password: PASSWORD, role: 'admin' });
    await seedUser(api.app, { email: 'admin2@example.org', password: PASSWORD, role: 'admin' });
    await seedUser(api.app, { email: 'coord@example.org', password: PASSWORD, role: 'coordinator', jurisdiction: '青海省' });
    adminBearer = await login(api, 'admin@example.org', PASSWORD);
  });
  afterAll(() => api.close());

  const boardCookie = (res: request.Response) => {
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    return cookies.find((c) => c.startsWith('duban_board='));
  };

  it('opens the board with a short-lived HttpOnly cookie from a POST, never from a token in the URL, and logs no token', async () => {
    await request(api.http).get('/admin/queues').expect(401);
    const token = adminBearer.replace('Bearer ', '');
    await request(api.http).get(`/admin/queues?token=${token}`).expect(401);

    const opened = await request(api.http).post('/api/admin/queues/session').set('Authorization', adminBearer).expect(204);
    const cookie = boardCookie(opened)!;
    expect(cookie).toMatch(/; Path=\/admin\/queues/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Max-Age=900/);
    expect(cookie).not.toMatch(/; Secure/);
    const pair = cookie.split(';')[0];
    const page = await request(api.http).get('/admin/queues').set('Cookie', pair).expect(200);
    expect(page.text).toContain('__UI_CONFIG__');
    const queues = await request(api.http).get('/admin/queues/api/queues').set('Cookie', pair).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['mail', 'notifications']);
    // the board session is no access token
    await request(api.http).get('/api/auth/me').set('Authorization', `Bearer ${pair.split('=')[1]}`).expect(401);

    const logs = logLines.join('');
    expect(logs).toContain('/admin/queues?token=[redacted]');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(pair.split('=')[1]);
  });

  it('refuses the board to coordinators and to a disabled admin’s cookie', async () => {
    const coordinator = await login(api, 'coord@example.org', PASSWORD);
    await request(api.http).post('/api/admin/queues/session').set('Authorization', coordinator).expect(403);
    await request(api.http).get('/admin/queues').set('Authorization', coordinator).expect(403);
    const admin2 = await login(api, 'admin2@example.org', PASSWORD);
    const pair = boardCookie(await request(api.http).post('/api/admin/queues/session').set('Authorization', admin2).expect(204))!.split(';')[0];
    await request(api.http).get('/admin/queues').set('Cookie', pair).expect(200);
    const id = (await em(api.app).getConnection().execute<Array<{ id: string }>>(`select id from app_user where email = 'admin2@example.org'`))[0].id;
    await client(api, adminBearer).patch(`/api/users/${id}`, { disabled: true }).expect(200);
    await request(api.http).get('/admin/queues').set('Cookie', pair).expect(401);
  });

  it('marks the cookie Secure behind a TLS-terminating proxy it trusts', async () => {
    const res = await request(api.http).post('/api/admin/queues/session').set('Authorization', adminBearer).set('X-Forwarded-Proto', 'https').expect(204);
    expect(boardCookie(res)).toMatch(/; Secure/);
  });

  it('sends HSTS, no framing, and a CSP under which the docs and the board load only their own scripts', async () => {
    const docs = await request(api.http).get('/docs/').expect(200);
    const csp = docs.headers['content-security-policy'];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(docs.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(docs.headers['x-frame-options']).toBe('DENY');
    // every executable script of the pages is an external file of the same origin
    const inline = (html: string) => [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/g)];
    expect(inline(docs.text)).toEqual([]);
    for (const src of [...docs.text.matchAll(/<script src=["']([^"']+)["']/g)].map((m) => m[1])) {
      await request(api.http).get(new URL(src, 'http://x/docs/').pathname).expect(200);
    }
    const opened = await request(api.http).post('/api/admin/queues/session').set('Authorization', adminBearer).expect(204);
    const board = await request(api.http).get('/admin/queues').set('Cookie', boardCookie(opened)!.split(';')[0]).expect(200);
    expect(board.headers['content-security-policy']).toBe(csp);
    expect(inline(board.text)).toEqual([]);
    const api401 = await request(api.http).get('/api/auth/me');
    expect(api401.headers['content-security-policy']).toBe(csp);
  });

  it('has no single sign-on routes unless OIDC is configured', async () => {
    await request(api.http).get('/api/auth/oidc/login').expect(404);
    await request(api.http).get('/api/auth/oidc/callback?code=x&state=y').expect(404);
  });

  it('limits login and refresh bodies to a few KB while other routes keep theirs', async () => {
    const big = 'x'.repeat(8 * 1024);
    const res = await request(api.http).post('/api/auth/login').send({ email: 'admin@example.org', password: big }).expect(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    await request(api.http).post('/api/auth/refresh').send({ refreshToken: big }).expect(413);
    // the same size elsewhere is read, then judged by its fields
    const other = await client(api, adminBearer).patch('/api/users/00000000-0000-4000-8000-000000000000', { displayName: big }).expect(400);
    expect(other.body.errors[0].field).toBe('displayName');
  });
});
