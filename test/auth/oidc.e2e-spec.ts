import { Clock, ManualClock } from '@duban/clock';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/app';
import { client, login } from '../support/auth';
import { seedUser } from '../support/factories';
import { startIdp, type TestIdp } from '../support/idp';

const PUBLIC_URL = 'http://127.0.0.1:3000';
const CALLBACK = `${PUBLIC_URL}/api/auth/oidc/callback`;

/**
 * Single sign-on end to end against a real oidc-provider (its development login form, which
 * signs in whoever names an account), started here on a free port: authorization code + PKCE,
 * discovery, ID token signature and nonce checked by openid-client.
 */
describe('single sign-on (OIDC)', () => {
  let api: TestApi;
  let idp: TestIdp;
  let issuer: string;
  const clock = new ManualClock('2018-01-01T09:00:00+08:00');

  beforeAll(async () => {
    idp = await startIdp(CALLBACK);
    issuer = idp.issuer;
    api = await idp.configure(PUBLIC_URL, () => startTestApi((b) => b.overrideProvider(Clock).useValue(clock)));
    await seedUser(api.app, { email: 'admin@example.org', password: 'oidc-admin-secret', role: 'admin' });
    await seedUser(api.app, { email: 'coord@qh.example.org', password: 'oidc-coord-secret', role: 'coordinator', jurisdiction: '青海省' });
  });
  afterAll(async () => {
    await api.close();
    await idp.close();
  });

  /** A browser's part: follows the IdP's redirects with its cookies, signs in on its form as `account`, comes back to our callback. */
  async function signIn(account: string, accept = 'application/json'): Promise<request.Response> {
    const start = await request(api.http).get('/api/auth/oidc/login').expect(302);
    const flowCookie = ([] as string[]).concat(start.headers['set-cookie'] ?? []).find((c) => c.startsWith('duban_oidc='))!;
    expect(flowCookie).toMatch(/HttpOnly/);
    const jar = new Map<string, string>();
    let url = new URL(start.headers.location);
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    let body: URLSearchParams | undefined;
    for (let step = 0; step < 12; step++) {
      if (url.href.startsWith(CALLBACK)) {
        return request(api.http).get(`${url.pathname}${url.search}`).set('Cookie', flowCookie.split(';')[0]).set('Accept', accept);
      }
      const res = await fetch(url, { method: body ? 'POST' : 'GET', body, redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) } });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair.indexOf('=');
        jar.set(pair.slice(0, i), pair.slice(i + 1));
      }
      body = undefined;
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location')!, url);
        continue;
      }
      const html = await res.text();
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (res.status !== 200 || !prompt) throw new Error(`unexpected IdP page ${res.status}: ${html.slice(0, 300)}`);
      body = new URLSearchParams(prompt === 'login' ? { prompt, login: account, password: 'any' } : { prompt });
    }
    throw new Error('the sign-in never came back');
  }

  it('signs an existing account in by its email and answers the usual tokens', async () => {
    const res = await signIn('coord@qh.example.org');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), user: { email: 'coord@qh.example.org', role: 'coordinator' } });
    await request(api.http).get('/api/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    await request(api.http).post('/api/auth/refresh').send({ refreshToken: res.body.refreshToken }).expect(200);
    const admin = client(api, await login(api, 'admin@example.org', 'oidc-admin-secret'));
    const audit = await admin.get('/api/audit?action=auth.login_succeeded&pageSize=50').expect(200);
    expect(audit.body.items.find((e: { actorEmail: string }) => e.actorEmail === 'coord@qh.example.org')).toMatchObject({ details: { method: 'oidc', subject: 'coord@qh.example.org' } });
  });

  it('answers 403 for a person the IdP knows but who has no account here', async () => {
    const res = await signIn('stranger@qh.example.org');
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toContain('stranger@qh.example.org');
  });

  describe('in a browser (the console)', () => {
    const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

    it('says whether single sign-on is on, for the login page to show its button', async () => {
      const res = await request(api.http).get('/api/auth/oidc').expect(200);
      expect(res.body).toEqual({ enabled: true, loginUrl: '/api/auth/oidc/login' });
    });

    it('lands on the console with a one-time code in the fragment, traded once for the tokens', async () => {
      const res = await signIn('coord@qh.example.org', BROWSER_ACCEPT);
      expect(res.status).toBe(302);
      const landing = new URL(res.headers.location);
      expect(`${landing.origin}${landing.pathname}${landing.search}`).toBe(`${PUBLIC_URL}/login`);
      const code = new URLSearchParams(landing.hash.slice(1)).get('sso')!;
      expect(code).toMatch(/^[\w-]{40,}$/);
      const tokens = await request(api.http).post('/api/auth/oidc/exchange').send({ code }).expect(200);
      expect(tokens.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), user: { email: 'coord@qh.example.org' } });
      await request(api.http).get('/api/auth/me').set('Authorization', `Bearer ${tokens.body.accessToken}`).expect(200);
      // spent: a replay (say, from the browser history) gets nothing
      const replay = await request(api.http).post('/api/auth/oidc/exchange').send({ code }).expect(401);
      expect(replay.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('refuses an unknown code and a missing one', async () => {
      await request(api.http).post('/api/auth/oidc/exchange').send({ code: 'x'.repeat(43) }).expect(401);
      const res = await request(api.http).post('/api/auth/oidc/exchange').send({}).expect(400);
      expect(JSON.stringify(res.body)).toContain('code');
    });

    it('does not hand a session to an account disabled between the callback and the exchange', async () => {
      await seedUser(api.app, { email: 'leaver@qh.example.org', password: 'oidc-leaver-secret', role: 'coordinator', jurisdiction: '青海省' });
      const res = await signIn('leaver@qh.example.org', BROWSER_ACCEPT);
      const code = new URLSearchParams(new URL(res.headers.location).hash.slice(1)).get('sso')!;
      const admin = client(api, await login(api, 'admin@example.org', 'oidc-admin-secret'));
      const users = await admin.get('/api/users?pageSize=100').expect(200);
      const leaver = users.body.items.find((u: { email: string }) => u.email === 'leaver@qh.example.org');
      await admin.patch(`/api/users/${leaver.id}`).send({ disabled: true }).expect(200);
      await request(api.http).post('/api/auth/oidc/exchange').send({ code }).expect(401);
    });

    it('sends a refused person back to the login page with the reason, not to a JSON page', async () => {
      const res = await signIn('stranger@qh.example.org', BROWSER_ACCEPT);
      expect(res.status).toBe(302);
      const landing = new URL(res.headers.location);
      expect(landing.pathname).toBe('/login');
      expect(decodeURIComponent(new URLSearchParams(landing.hash.slice(1)).get('sso_error')!)).toContain('stranger@qh.example.org');
    });
  });

  it('refuses a callback without the flow cookie this browser got (a forged or replayed callback)', async () => {
    const res = await request(api.http).get('/api/auth/oidc/callback?code=abc&state=def').expect(401);
    expect(res.body.detail).toMatch(/请重新登录/);
  });
});
