import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/app';
import { login } from '../support/auth';
import { findChromium } from '../support/console';
import { em, seedUser } from '../support/factories';

/** The CSP is only right if the pages still work under it: Swagger UI and Bull Board in a real Chromium. */
describe('the docs and the queue board under the CSP, in a browser', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  const violations: string[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    await seedUser(api.app, { email: 'admin@example.org', password: 'csp-admin-secret', role: 'admin' });
    await new Promise<void>((resolve) => api.http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(api.http.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await api.close();
  });

  const page = async () => {
    const p = await browser.newPage();
    p.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && violations.push(m.text()));
    return p;
  };

  it('renders Swagger UI with no CSP violation', async () => {
    const p = await page();
    await p.goto(`${base}/docs`);
    await p.waitForSelector('.swagger-ui .info .title', { timeout: 20_000 });
    expect(await p.textContent('.swagger-ui .info .title')).toContain('督办 Duban API');
    await p.waitForSelector('.opblock-tag', { timeout: 20_000 });
    expect(violations).toEqual([]);
  });

  it('sets a password through the mailed link’s page, which drops the token from the address bar', async () => {
    const bearer = await login(api, 'admin@example.org', 'csp-admin-secret');
    const created = await request(api.http).post('/api/users').set('Authorization', bearer).send({ email: 'linked@example.org', role: 'observer', jurisdiction: '青海省' }).expect(201);
    // the link as mailed (the mail itself is read in passwords.e2e-spec.ts): a fresh reset gives a token we know
    const token = 'browser-test-token-0123456789abcdef';
    const { createHash } = await import('node:crypto');
    const conn = em(api.app).getConnection();
    await conn.execute(`insert into password_reset (id, user_id, token_sha256, expires_at, created_at) values (gen_random_uuid(), ?, ?, now() + interval '1 hour', now())`, [created.body.id, createHash('sha256').update(token).digest('hex')]);
    const p = await page();
    await p.goto(`${base}/set-password#token=${token}`);
    expect(p.url()).toBe(`${base}/set-password`);
    await p.fill('#p1', 'river-stone-autumn');
    await p.fill('#p2', 'river-stone-autumn');
    await p.click('button[type=submit]');
    await p.locator('#msg', { hasText: '密码已设置' }).waitFor({ timeout: 10_000 });
    await request(api.http).post('/api/auth/login').send({ email: 'linked@example.org', password: 'river-stone-autumn' }).expect(200);
    expect(violations).toEqual([]);
  });

  it('renders Bull Board from the board cookie with no CSP violation', async () => {
    const bearer = await login(api, 'admin@example.org', 'csp-admin-secret');
    const res = await request(api.http).post('/api/admin/queues/session').set('Authorization', bearer).expect(204);
    const [name, value] = String(([] as string[]).concat(res.headers['set-cookie'])[0]).split(';')[0].split('=');
    const p = await page();
    await p.context().addCookies([{ name, value, url: `${base}/admin/queues` }]);
    await p.goto(`${base}/admin/queues`);
    await p.getByText('notifications', { exact: true }).first().waitFor({ timeout: 20_000 });
    await p.getByText('mail', { exact: true }).first().waitFor({ timeout: 20_000 });
    expect(p.url()).toBe(`${base}/admin/queues`);
    expect(violations).toEqual([]);
  });
});
