import { Clock, ManualClock } from '@duban/clock';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/app';
import { login } from '../support/auth';
import { em, type SeededPlan, seedPlan, seedUser } from '../support/factories';
import { discoverRoutes } from '../support/routes';

/**
 * Who may call what, route × caller, around one overdue task of 青海省 that 省发展改革委 leads and
 * 省科技厅 helps with. Outcomes: 'ok' (anything but 401/403: the call got past authorization),
 * 403, 401. Writes carry `If-Match: "0"` (never a real version), so an authorized write stops at
 * 412 and the task stays as it is for the next caller.
 */
type Outcome = 'ok' | 403 | 401;
const CALLERS = ['anonymous', 'admin', 'coordinator', 'otherCoordinator', 'observer', 'lead', 'co', 'otherDepartment', 'foreignDepartment'] as const;
type Caller = (typeof CALLERS)[number];

const everyone = (outcome: Outcome): Record<Caller, Outcome> => ({ ...Object.fromEntries(CALLERS.map((c) => [c, outcome])), anonymous: 401 }) as Record<Caller, Outcome>;
const only = (...allowed: Caller[]): Record<Caller, Outcome> => ({ ...everyone(403), ...Object.fromEntries(allowed.map((c) => [c, 'ok'])) });

const SEES_TASK = only('admin', 'coordinator', 'observer', 'lead', 'co');
const LEAD_ONLY = only('lead');
const COORDINATOR = only('admin', 'coordinator');
const REVIEWERS = only('admin', 'coordinator', 'otherCoordinator', 'observer');

const NO_REQUEST = '00000000-0000-4000-8000-000000000000';

interface Row {
  route: string;
  body?: object;
  expect: Record<Caller, Outcome>;
  /** For lists: who finds the task in the answer. */
  lists?: Caller[];
  /** What `:id` stands for: the overdue task (default), its jurisdiction 青海省, its (published) plan, or 青海省's observer account. */
  id?: 'task' | 'jurisdiction' | 'plan' | 'user';
  /** for /api/calendar/:year */
  year?: string;
}

const MATRIX: Row[] = [
  { route: 'GET /api/tasks', expect: everyone('ok'), lists: ['admin', 'coordinator', 'observer', 'lead', 'co'] },
  { route: 'GET /api/tasks/:id', expect: SEES_TASK },
  { route: 'POST /api/tasks/:id/accept', expect: LEAD_ONLY },
  { route: 'POST /api/tasks/:id/request-completion', expect: LEAD_ONLY },
  { route: 'POST /api/tasks/:id/approve-completion', expect: COORDINATOR },
  { route: 'POST /api/tasks/:id/return', body: { reason: '退回' }, expect: COORDINATOR },
  { route: 'POST /api/tasks/:id/extension-requests', body: { newDeadline: '2019-01-01', reason: '延期' }, expect: LEAD_ONLY },
  { route: 'GET /api/tasks/:id/extension-requests', expect: SEES_TASK },
  { route: 'POST /api/tasks/:id/extension-requests/:requestId/approve', expect: COORDINATOR },
  { route: 'POST /api/tasks/:id/extension-requests/:requestId/reject', body: { reason: '驳回' }, expect: COORDINATOR },
  { route: 'POST /api/tasks/:id/progress', body: { percent: 10, summary: '进展' }, expect: only('lead', 'co') },
  { route: 'GET /api/tasks/:id/progress', expect: SEES_TASK },
  { route: 'GET /api/review/overdue', expect: REVIEWERS, lists: ['admin', 'coordinator', 'observer'] },
  { route: 'GET /api/scorecards/departments', expect: REVIEWERS },
  // the scorecard's deprecated first address: the same rights
  { route: 'GET /api/reports/departments', expect: REVIEWERS },
  // a coordinator lists its own jurisdiction's accounts; an empty body is a 400 after authorization
  { route: 'GET /api/users', expect: only('admin', 'coordinator', 'otherCoordinator') },
  { route: 'POST /api/users', body: {}, expect: only('admin', 'coordinator', 'otherCoordinator') },
  // an empty PATCH of 青海省's observer changes nothing
  { route: 'PATCH /api/users/:id', id: 'user', body: {}, expect: COORDINATOR },
  { route: 'POST /api/users/:id/password-reset', id: 'user', expect: COORDINATOR },
  // an empty body is a 400 after authorization: nobody's password changes
  { route: 'POST /api/auth/password', body: {}, expect: everyone('ok') },
  { route: 'POST /api/admin/queues/session', expect: only('admin') },
  { route: 'GET /api/auth/me', expect: everyone('ok') },
  { route: 'POST /api/auth/logout', body: { refreshToken: 'x.y' }, expect: everyone('ok') },
  { route: 'GET /api/jurisdictions/:id/notification-settings', id: 'jurisdiction', expect: only('admin', 'coordinator', 'observer') },
  // an empty PATCH changes nothing: the settings stay as they are for the next caller
  { route: 'PATCH /api/jurisdictions/:id/notification-settings', id: 'jurisdiction', body: {}, expect: COORDINATOR },
  // the year 1999 is refused (400) after authorization: nothing changes for the next caller
  { route: 'GET /api/calendar/:year', year: '2026', expect: only('admin') },
  { route: 'PUT /api/calendar/:year', year: '1999', body: {}, expect: only('admin') },
  { route: 'PUT /api/calendar/:year/ics', year: '1999', body: {}, expect: only('admin') },
  // a coordinator of another jurisdiction sees its own entries: allowed, and scoped by the query
  { route: 'GET /api/audit', expect: only('admin', 'coordinator', 'otherCoordinator') },
  { route: 'GET /api/audit/export', expect: only('admin', 'coordinator', 'otherCoordinator') },
  // review before dispatch: the plan and its tasks are live, so an authorized call stops at 409 and changes nothing
  { route: 'GET /api/plans/:id/findings', id: 'plan', expect: COORDINATOR },
  { route: 'POST /api/plans/:id/publish', id: 'plan', expect: COORDINATOR },
  { route: 'DELETE /api/tasks/:id', expect: COORDINATOR },
  { route: 'POST /api/tasks/:id/split', body: { parts: [{ title: '甲' }, { title: '乙' }], reason: '拆分' }, expect: COORDINATOR },
  { route: 'POST /api/tasks/:id/merge', body: { taskId: NO_REQUEST, reason: '合并' }, expect: COORDINATOR },
  // the coordinator's task changes: a valid body with the stale If-Match stops at 412, so nothing changes
  { route: 'PATCH /api/tasks/:id', body: { deadline: '2018-12-31', reason: '调整' }, expect: COORDINATOR },
  { route: 'PUT /api/tasks/:id/assignments', body: { lead: ['省发展改革委'], reason: '调整' }, expect: COORDINATOR },
  { route: 'GET /api/tasks/:id/history', expect: SEES_TASK },
  { route: 'GET /api/review/unassigned', expect: REVIEWERS },
  // plans, departments and joint meetings: lists are scoped by jurisdiction, so everyone allowed gets an answer
  { route: 'GET /api/plans', expect: everyone('ok') },
  { route: 'GET /api/plans/:id', id: 'plan', expect: only('admin', 'coordinator', 'observer', 'lead', 'co', 'otherDepartment') },
  { route: 'GET /api/departments', expect: everyone('ok') },
  { route: 'GET /api/joint-meetings', expect: REVIEWERS },
];

/**
 * Routes the matrix does not call, each with the reason and where its permissions are tested.
 * Every route of the application is either a row above or an entry here (see the test below).
 */
const EXEMPT: Record<string, string> = {
  'POST /api/plans': 'imports a plan (creates data); coordinator/admin only, tested in test/plans/plans.e2e-spec.ts and plan-upload.e2e-spec.ts',
  'PATCH /api/departments/:id': 'changes a department of the fixture; tested in test/plans/plans.e2e-spec.ts',
  'POST /api/departments/:id/merge': 'merges departments of the fixture irreversibly; tested in test/plans/plans.e2e-spec.ts',
  'POST /api/departments/:id/aliases': 'adds an alias to the fixture; tested in test/plans/plans.e2e-spec.ts',
  'PATCH /api/joint-meetings/:id': 'changes the joint meeting of the fixture; tested in test/plans/plans.e2e-spec.ts',
  'POST /api/joint-meetings/:id/summary': 'queues a nightly summary (needs the worker); tested in test/worker/worker.e2e-spec.ts',
};

describe('authorization: every route declares a permission, and the matrix holds', () => {
  let api: TestApi;
  let qh: SeededPlan;
  const bearer: Partial<Record<Caller, string>> = {};
  let observerId: string;

  beforeAll(async () => {
    api = await startTestApi((b) => b.overrideProvider(Clock).useValue(new ManualClock('2018-01-01T09:00:00+08:00')));
    qh = await seedPlan(api.app, '青海省', [{ title: '逾期任务', deadline: '2017-12-01', lead: ['省发展改革委'], co: ['省科技厅'] }, { title: '别的任务', deadline: '2018-12-01', lead: ['省财政厅'] }]);
    const sx = await seedPlan(api.app, '陕西省', [{ title: '陕西任务', deadline: '2017-12-01', lead: ['陕西省科技厅'] }]);
    const users: Record<Exclude<Caller, 'anonymous'>, object> = {
      admin: { role: 'admin' },
      coordinator: { role: 'coordinator', jurisdiction: '青海省' },
      otherCoordinator: { role: 'coordinator', jurisdiction: '陕西省' },
      observer: { role: 'observer', jurisdiction: '青海省' },
      lead: { role: 'department', departmentId: qh.departments['省发展改革委'].id },
      co: { role: 'department', departmentId: qh.departments['省科技厅'].id },
      otherDepartment: { role: 'department', departmentId: qh.departments['省财政厅'].id },
      foreignDepartment: { role: 'department', departmentId: sx.departments['陕西省科技厅'].id },
    };
    for (const [caller, user] of Object.entries(users)) {
      await seedUser(api.app, { email: `${caller.toLowerCase()}@example.org`, password: 'matrix-password', ...(user as { role: 'admin' }) });
      bearer[caller as Caller] = await login(api, `${caller.toLowerCase()}@example.org`, 'matrix-password');
    }
    observerId = (await em(api.app).getConnection().execute<Array<{ id: string }>>(`select id from app_user where email = 'observer@example.org'`))[0].id;
  });
  afterAll(() => api.close());

  it('finds no route without @Allow(...) or @Public()', () => {
    const routes = discoverRoutes(api.app);
    expect(routes.length).toBeGreaterThan(MATRIX.length);
    const undeclared = routes.filter((r) => !r.isPublic && !r.roles?.length).map((r) => `${r.route} (${r.where})`);
    expect(undeclared).toEqual([]);
    expect(routes.filter((r) => r.isPublic).map((r) => r.route).sort()).toEqual(['GET /api/auth/oidc', 'GET /api/auth/oidc/callback', 'GET /api/auth/oidc/login', 'GET /health', 'GET /set-password', 'GET /set-password.js', 'POST /api/auth/login', 'POST /api/auth/oidc/exchange', 'POST /api/auth/password/set', 'POST /api/auth/refresh']);
  });

  it('has a row or a written exemption for every route of the application, and nothing stale', () => {
    const routes = discoverRoutes(api.app).filter((r) => !r.isPublic).map((r) => r.route);
    const rows = MATRIX.map((row) => row.route);
    expect(routes.filter((r) => !rows.includes(r) && !(r in EXEMPT)).sort()).toEqual([]);
    expect([...rows, ...Object.keys(EXEMPT)].filter((r) => !routes.includes(r)).sort()).toEqual([]);
    expect(rows.filter((r) => r in EXEMPT)).toEqual([]);
  });

  const cases = MATRIX.flatMap((row) => CALLERS.map((caller) => [row.route, caller, row.expect[caller], row] as const));

  it.each(cases)('%s as %s → %s', async (route, caller, expected, row) => {
    const [method, template] = route.split(' ');
    const target = { task: qh.tasks['逾期任务'].id, jurisdiction: qh.jurisdiction.id, plan: qh.plan.id, user: observerId }[row.id ?? 'task'];
    const url = template.replace(':id', target).replace(':requestId', NO_REQUEST).replace(':year', row.year ?? '');
    let req = request(api.http)[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](url).set('If-Match', '"0"');
    if (bearer[caller]) req = req.set('Authorization', bearer[caller]!);
    const res = await (row.body ? req.send(row.body) : req);
    const outcome: Outcome = res.status === 401 || res.status === 403 ? res.status : 'ok';
    expect({ route, caller, outcome, detail: outcome === expected ? undefined : res.body.detail }).toEqual({ route, caller, outcome: expected, detail: undefined });
    if (expected === 'ok') expect(res.status).toBeLessThan(500);
    if (row.lists && expected === 'ok') {
      const ids = res.body.items.map((t: { id: string }) => t.id);
      expect({ caller, sees: ids.includes(qh.tasks['逾期任务'].id) }).toEqual({ caller, sees: row.lists.includes(caller) });
    }
  });
});
