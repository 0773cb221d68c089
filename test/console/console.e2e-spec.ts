import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { Clock, ManualClock } from '@duban/clock';
import { startTestApi, type TestApi } from '../support/app';
import { type Client, client, login } from '../support/auth';
import { ensureConsoleBuilt, launchBrowser, SCREENSHOTS } from '../support/console';
import { eventually } from '../support/eventually';
import { em, type SeededPlan, seedPlan, seedUser } from '../support/factories';
import { JointMeeting } from '@duban/persistence';

const PASSWORD = 'a-long-test-password';
// a Monday morning in Xining: the red task is months overdue on this day, whatever day the test runs
const MONDAY = '2018-03-05T09:00:00+08:00';
const clock = new ManualClock('2017-10-20T10:00:00+08:00');
const RED = '推进政务数据共享交换平台建设';
const RETURNED = '建设全省统一的网上办事大厅';

jest.setTimeout(180_000);

describe('the web console in a real browser', () => {
  let api: TestApi;
  let base: string;
  let browser: BrowserContext;
  let qh: SeededPlan;
  let fgw: Client;
  let coord: Client;

  beforeAll(async () => {
    ensureConsoleBuilt();
    api = await startTestApi((b) => b.overrideProvider(Clock).useValue(clock));
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.http.address() as { port: number }).port}`;
    qh = await seedPlan(api.app, '青海省', [
      { title: RED, deadline: '2017-10-31', lead: ['省发展改革委'], co: ['省经济和信息化委'] },
      { title: '培育大数据骨干企业', deadline: '2018-01-31', lead: ['省科技厅'], co: ['省发展改革委'] },
      { title: '完善财政资金支持政策', deadline: '2018-02-26', lead: ['省财政厅'] },
      { title: RETURNED, deadline: '2018-12-31', lead: ['省发展改革委'] },
      { title: '加强组织领导', deadline: '2018-11-30', lead: ['省发展改革委'], kind: 'safeguard' },
    ], '青海省促进大数据发展实施方案');
    // the worker's sweep puts overdue tasks on the ladder; here the levels are set as it would have
    const levels: Record<string, string> = { [RED]: 'red', 培育大数据骨干企业: 'orange', 完善财政资金支持政策: 'yellow' };
    for (const [title, level] of Object.entries(levels)) await em(api.app).getConnection().execute(`update task set escalation_level = ? where id = ?`, [level, qh.tasks[title].id]);

    await seedUser(api.app, { email: 'admin@example.org', password: PASSWORD, role: 'admin' });
    const m = em(api.app);
    await m.persist(m.create(JointMeeting, { jurisdiction: qh.jurisdiction.id, name: '青海省推进联席会议', recipients: ['lianxi@qh.gov.cn'] })).flush();
    await seedUser(api.app, { email: 'coord@example.org', password: PASSWORD, role: 'coordinator', jurisdiction: '青海省' });
    await seedUser(api.app, { email: 'fgw@example.org', password: PASSWORD, role: 'department', departmentId: qh.departments['省发展改革委'].id });
    coord = client(api, await login(api, 'coord@example.org', PASSWORD));
    fgw = client(api, await login(api, 'fgw@example.org', PASSWORD));
    // before Monday: the lead asked for more time on the red task (before its deadline), and a completion request came back
    await fgw.post(`/api/tasks/${qh.tasks[RED].id}/extension-requests`, { newDeadline: '2018-06-30', reason: '平台招标延期，需顺延至二季度末' }).expect(201);
    const returned = qh.tasks[RETURNED].id;
    const later = () => clock.advance(3_600_000);
    await fgw.post(`/api/tasks/${returned}/accept`).expect(200);
    later();
    await fgw.post(`/api/tasks/${returned}/progress`, { percent: 100, summary: '大厅已上线' }).expect(201);
    later();
    await fgw.post(`/api/tasks/${returned}/request-completion`, { reason: '已完成' }).expect(200);
    later();
    await coord.post(`/api/tasks/${returned}/return`, { reason: '请补充市州分厅接入情况' }).expect(200);
    clock.set(MONDAY);

    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function shot(page: Page, name: string): Promise<void> {
    // after the loading masks have faded out, so the picture shows the page as the user reads it
    await eventually(async () => expect(await page.locator('.el-loading-mask:visible').count()).toBe(0));
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
  }

  async function logIn(page: Page, email: string): Promise<void> {
    // the browser profile is shared by the walks: start each signed out
    await page.goto(`${base}/login`);
    await page.evaluate('localStorage.clear()');
    await page.goto(`${base}/`);
    await atPath(page, /^\/login$/);
    await expectText(page, 'h1', '督办系统');
    await page.fill('#login-email', email);
    await page.fill('#login-password', PASSWORD);
    await page.keyboard.press('Enter');
  }

  /** Element Plus puts a field's attributes on its <input>/<textarea>, or on a wrapper around it. */
  const field = (page: Page, name: string) => page.locator(`:is(input, textarea)[data-test=${name}], [data-test=${name}] :is(input, textarea)`).first();

  /** In-app navigation changes the address without a page load. */
  const atPath = (page: Page, re: RegExp) => eventually(() => expect(new URL(page.url()).pathname).toMatch(re));

  async function expectText(page: Page, selector: string, text: string | RegExp): Promise<void> {
    await page.locator(selector).filter({ hasText: text }).first().waitFor({ state: 'visible', timeout: 15_000 });
  }

  it("the coordinator's Monday morning: dashboard, overdue review, the red task, an extension approved", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await atPath(page, /^\/login$/);
    await page.fill('#login-email', 'coord@example.org');
    await page.fill('#login-password', 'wrong-password');
    await page.keyboard.press('Enter');
    await expectText(page, '[role=alert]', '邮箱或密码错误');
    await shot(page, '01-login');

    await logIn(page, 'coord@example.org');
    await atPath(page, /^\/dashboard$/);
    await expectText(page, '[data-test=current-role]', '联席会议办公室');
    await expectText(page, '[data-test=stat-overdue]', '3');
    await expectText(page, '[data-test=stat-red]', '1');
    await expectText(page, '[data-test=stat-total]', '5');
    await page.locator('[data-test=chart-levels] svg').waitFor();
    await page.locator('[data-test=chart-rate] svg').waitFor();
    await expectText(page, '[data-test=silent-departments]', '省科技厅');
    await shot(page, '02-dashboard');

    await page.getByRole('menuitem', { name: '逾期督办' }).click();
    await atPath(page, /^\/review\/overdue$/);
    const rows = page.locator('[data-test=overdue-table] .el-table__body tr');
    await expectText(page, '[data-test=overdue-table]', RED);
    expect(await rows.count()).toBe(3);
    // most overdue first, as the API sorts it
    await expect(rows.first().textContent()).resolves.toContain(RED);
    await page.locator('[data-test=filter-department]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: /^省发展改革委$/ }).click();
    await eventually(() => expect(page.url()).toContain(`departmentId=${qh.departments['省发展改革委'].id}`));
    await eventually(async () => expect(await rows.count()).toBe(2));
    await expectText(page, '[data-test=overdue-table]', '培育大数据骨干企业');
    await expect(page.locator('[data-test=overdue-table] [data-test=level-red]').count()).resolves.toBe(1);
    await shot(page, '03-overdue-filtered');

    // the filter survives a reload: it lives in the URL
    await page.reload();
    await eventually(async () => expect(await rows.count()).toBe(2));

    await page.getByRole('link', { name: RED }).click();
    await atPath(page, new RegExp(`^/tasks/${qh.tasks[RED].id}$`));
    await expectText(page, '[data-test=task-title]', RED);
    await page.locator('[data-test=level-red]').first().waitFor();
    await expectText(page, '[data-test=task-overdue]', /逾期 \d+ 天/);
    await expectText(page, '[data-test=task-deadline]', '2017-10-31');
    await expectText(page, '[data-test=pending-extension]', '2018-06-30');
    await expectText(page, '[data-test=pending-extension]', '平台招标延期');
    await shot(page, '04-task-red');

    await page.click('[data-test=action-approve-extension]');
    await field(page, 'field-reason').fill('同意顺延，请按月报送进展');
    await page.click('[data-test=dialog-submit]');
    await expectText(page, '.el-message', '已同意延期');
    await expectText(page, '[data-test=task-deadline]', '2018-06-30');
    await expect(page.locator('[data-test=pending-extension]').count()).resolves.toBe(0);
    await page.getByRole('tab', { name: /延期申请/ }).click();
    await expectText(page, '[data-test=extensions]', '已同意');
    await page.getByRole('tab', { name: /办理记录/ }).click();
    await expectText(page, '[data-test=history]', '同意延期');
    await shot(page, '05-task-extended');

    const task = (await coord.get(`/api/tasks/${qh.tasks[RED].id}`).expect(200)).body;
    expect(task).toMatchObject({ deadline: '2018-06-30', pendingExtension: null });

    await page.getByRole('button', { name: '退出' }).click();
    await atPath(page, /^\/login$/);
    await page.goto(`${base}/dashboard`);
    await atPath(page, /^\/login$/);
    await page.close();
  });

  it("the clerk's report: my tasks, the coordinator's comment, a progress report with its errors explained", async () => {
    const page = await browser.newPage();
    await logIn(page, 'fgw@example.org');
    await atPath(page, /^\/my-tasks$/);
    await expectText(page, '[data-test=current-role]', '责任单位');
    const rows = page.locator('[data-test=task-table] .el-table__body tr');
    await expectText(page, '[data-test=task-table]', '加强组织领导');
    const titles = await rows.allTextContents();
    // the three tasks it leads first, the one it helps with last
    expect(titles).toHaveLength(4);
    expect(titles.slice(0, 3).every((t) => t.includes('牵头'))).toBe(true);
    expect(titles[3]).toContain('培育大数据骨干企业');
    await shot(page, '06-my-tasks');

    await page.getByRole('link', { name: RETURNED }).click();
    await expectText(page, '[data-test=return-comment]', '请补充市州分厅接入情况');
    await expectText(page, '[data-test=task-status]', '推进中');

    await page.goto(`${base}/tasks/${qh.tasks['加强组织领导'].id}`);
    await expectText(page, '[data-test=task-status]', '已交办');
    await page.click('[data-test=action-accept]');
    await expectText(page, '[data-test=task-status]', '已签收');

    await field(page, 'field-percent').fill('60');
    await field(page, 'field-percent').press('Tab');
    await field(page, 'field-summary').fill('已印发工作方案并召开专题会议');
    await field(page, 'field-next-steps').fill('四月底前完成督查');
    await field(page, 'field-evidence').fill('www.qh.gov.cn/notice');
    await page.click('[data-test=progress-submit]');
    await expectText(page, '[data-test=progress-error]', '佐证材料链接须为以 http:// 或 https:// 开头的网址');
    await shot(page, '07-progress-error');

    await field(page, 'field-evidence').fill('https://www.qh.gov.cn/notice/1.html');
    await page.click('[data-test=progress-submit]');
    await expectText(page, '.el-message', '进展已报送');
    await expectText(page, '[data-test=progress-history]', '已印发工作方案并召开专题会议');
    await expectText(page, '[data-test=progress-history]', '60%');
    await expectText(page, '[data-test=task-status]', '推进中');
    await shot(page, '08-progress-reported');

    const history = (await fgw.get(`/api/tasks/${qh.tasks['加强组织领导'].id}/progress`).expect(200)).body;
    expect(history[0]).toMatchObject({ percent: 60, nextSteps: '四月底前完成督查', evidenceUrls: ['https://www.qh.gov.cn/notice/1.html'] });
    await page.close();
  });

  it('every other page opens for the roles that use it, with its data and no error', async () => {
    const page = await browser.newPage();
    const noError = async () => expect(await page.locator('[role=alert].el-alert--error').count()).toBe(0);
    await logIn(page, 'coord@example.org');
    await atPath(page, /^\/dashboard$/);
    // the keyboard reaches the menu: Tab to 逾期督办, Enter opens it
    for (let i = 0; i < 20 && (await page.evaluate('document.activeElement?.textContent?.trim()')) !== '逾期督办'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await atPath(page, /^\/review\/overdue$/);
    for (const [path, selector, text] of [
      ['/tasks?overdue=true', '[data-test=task-table]', '完善财政资金支持政策'],
      ['/departments?q=发展', '[data-test=departments]', '省发展改革委'],
      ['/joint-meeting', '.el-card', '青海省推进联席会议'],
      ['/settings', '.el-card', '红牌'],
      ['/plans', '[data-test=plans]', '青海省促进大数据发展实施方案'],
    ] as const) {
      await page.goto(`${base}${path}`);
      await expectText(page, selector, text);
      await noError();
    }
    // the overdue filter in the URL narrowed the ledger to what the API counts as overdue
    const overdue = (await coord.get('/api/tasks?overdue=true').expect(200)).body.total;
    expect(overdue).toBeGreaterThan(0);
    await page.goto(`${base}/tasks?overdue=true`);
    await eventually(async () => expect(await page.locator('[data-test=task-table] .el-table__body tr').count()).toBe(overdue));
    await page.goto(`${base}/departments?q=发展`);
    await eventually(async () => expect(await page.locator('[data-test=departments] .el-table__body tr').count()).toBe(1));
    await page.getByRole('button', { name: '退出' }).click();
    await atPath(page, /^\/login$/);

    // the admin: users, then a plan pasted as text (the import the API offers today)
    await logIn(page, 'admin@example.org');
    await atPath(page, /^\/users$/);
    await expectText(page, '[data-test=users]', 'fgw@example.org');
    await page.getByRole('menuitem', { name: '方案导入' }).click();
    await page.getByRole('tab', { name: '粘贴文本' }).click();
    await field(page, 'plan-text').fill(readFileSync(join(__dirname, '..', '..', 'seeds', 'plans', 'shanxi-2016-news.txt'), 'utf8'));
    await page.click('[data-test=plan-submit]');
    await expectText(page, '.el-message', /已导入 \d+ 项任务/);
    await expectText(page, '[data-test=plans]', '山西');
    await noError();
    await shot(page, '09-plans');
    await page.close();
  });

  it('serves the console for page addresses and leaves the API, docs and health alone', async () => {
    const page = await request(api.http).get('/review/overdue?departmentId=x').set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('<div id="app"></div>');
    await request(api.http).get('/api/nothing-here').set('Accept', 'text/html').expect(404).expect('Content-Type', /problem\+json/);
    await request(api.http).get('/docs-json').expect(200).expect('Content-Type', /json/);
  });
});
