import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/app';
import { login } from '../support/auth';
import { findChromium } from '../support/chromium';
import { seedUser } from '../support/factories';

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

  it('renders Bull Board from the board cookie with no CSP violation', async () => {
    const bearer = await login(api, 'admin@example.org', 'csp-admin-secret');
    const res = await request(api.http).post('/api/admin/queues/session').set('Authorization', bearer).expect(204);
    const [name, value] = String(([] as string[]).concat(res.headers['set-cookie'])[0]).split(';')[0].split('=');
    const p = await page();
    await p.context().addCookies([{ name, value, url: `${base}/admin/queues` }]);
    await p.goto(`${base}/admin/queues`);
    await p.waitForFunction("document.body.innerText.includes('notifications') && document.body.innerText.includes('mail')", null, { timeout: 20_000 });
    expect(p.url()).toBe(`${base}/admin/queues`);
    expect(violations).toEqual([]);
  });
});
