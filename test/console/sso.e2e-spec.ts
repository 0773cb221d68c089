import type { BrowserContext, Page } from 'playwright-core';
import { Clock, ManualClock } from '@duban/clock';
import { freePort } from '@duban/dev-services';
import { startTestApi, type TestApi } from '../support/app';
import { ensureConsoleBuilt, launchBrowser } from '../support/console';
import { eventually } from '../support/eventually';
import { seedUser } from '../support/factories';
import { startIdp, type TestIdp } from '../support/idp';

jest.setTimeout(180_000);

/**
 * 统一身份认证 in a real browser: the console's button, a real oidc-provider's development login
 * form, and back into the console signed in, on the page that was asked for.
 */
describe('single sign-on from the console', () => {
  let api: TestApi;
  let idp: TestIdp;
  let browser: BrowserContext;
  let base: string;
  const clock = new ManualClock('2018-01-01T09:00:00+08:00');

  beforeAll(async () => {
    ensureConsoleBuilt();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    idp = await startIdp(`${base}/api/auth/oidc/callback`);
    api = await idp.configure(base, () => startTestApi((b) => b.overrideProvider(Clock).useValue(clock)));
    await api.app.listen(port, '127.0.0.1');
    await seedUser(api.app, { email: 'coord@qh.example.org', password: 'sso-coord-secret', role: 'coordinator', jurisdiction: '青海省' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await idp?.close();
  });

  /** Through the IdP's development pages: its login form, then its consent form. */
  async function signInAtIdp(page: Page, account: string): Promise<void> {
    for (let step = 0; step < 6 && !page.url().startsWith(base); step++) {
      await page.waitForLoadState();
      if (await page.locator('input[name=login]').count()) {
        await page.fill('input[name=login]', account);
        await page.fill('input[name=password]', 'any');
      }
      const before = page.url();
      await Promise.all([page.waitForURL((url) => url.href !== before), page.locator('button[type=submit]').first().click()]);
    }
  }

  it('signs a coordinator in and lands on the page asked for', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/review/overdue`);
    await eventually(() => expect(new URL(page.url()).pathname).toBe('/login'), { timeoutMs: 45_000 });
    await page.getByRole('button', { name: '统一身份认证登录' }).click();
    await signInAtIdp(page, 'coord@qh.example.org');
    await eventually(() => expect(new URL(page.url()).pathname).toBe('/review/overdue'), { timeoutMs: 45_000 });
    // the one-time code is gone from the address bar and the tokens are in place
    expect(new URL(page.url()).hash).toBe('');
    const stored = await page.evaluate(() => Object.values(localStorage).join(''));
    expect(stored).toContain('coord@qh.example.org');
    await page.close();
  });

  it('shows why a person without an account was refused, on the login page', async () => {
    // a new person at this browser: no session at the IdP, none in the console
    await browser.clearCookies();
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByRole('button', { name: '统一身份认证登录' }).click();
    await signInAtIdp(page, 'stranger@qh.example.org');
    await page.locator('[role=alert]').filter({ hasText: 'stranger@qh.example.org' }).waitFor({ state: 'visible', timeout: 45_000 });
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.close();
  });
});
