import { AuditLog } from '@duban/audit';
import { Clock, ManualClock } from '@duban/clock';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/app';
import { client, login } from '../support/auth';
import { em, type SeededPlan, seedPlan, seedUser } from '../support/factories';

describe('the audit log', () => {
  let api: TestApi;
  let qh: SeededPlan;
  let sx: SeededPlan;
  let admin: ReturnType<typeof client>;
  let coordinator: ReturnType<typeof client>;

  beforeAll(async () => {
    api = await startTestApi((b) => b.overrideProvider(Clock).useValue(new ManualClock('2018-01-01T09:00:00+08:00')));
    qh = await seedPlan(api.app, '青海省', [{ title: '任务', lead: ['省发展改革委'] }]);
    sx = await seedPlan(api.app, '陕西省', [{ title: '任务', lead: ['陕西省科技厅'] }]);
    await seedUser(api.app, { email: 'admin@example.org', password: 'audit-password-1', role: 'admin' });
    await seedUser(api.app, { email: 'coord@example.org', password: 'audit-password-1', role: 'coordinator', jurisdiction: '青海省' });
    admin = client(api, await login(api, 'admin@example.org', 'audit-password-1'));
    coordinator = client(api, await login(api, 'coord@example.org', 'audit-password-1'));
    const log = api.app.get(AuditLog);
    const m = em(api.app);
    await log.record({ action: 'test.first', jurisdictionId: qh.jurisdiction.id, targetType: 'department', targetId: 'd1', details: { note: '=SUM(A1), "引号"' } }, m);
    await log.record({ action: 'test.second', jurisdictionId: sx.jurisdiction.id, targetType: 'department', targetId: 'd2' }, m);
    // inside a transaction that rolls back, the entry goes too
    await m.transactional(async (tx) => {
      await log.record({ action: 'test.rolled_back', jurisdictionId: qh.jurisdiction.id }, tx);
      throw new Error('roll back');
    }).catch(() => undefined);
  });
  afterAll(() => api.close());

  it('shows an admin every jurisdiction, a coordinator only its own, newest first', async () => {
    const all = await admin.get('/api/audit?action=test.*').expect(200);
    expect(all.body.items.map((e: { action: string }) => e.action)).toEqual(['test.second', 'test.first']);
    expect(all.body.items[1]).toMatchObject({ at: '2018-01-01T01:00:00.000Z', targetType: 'department', targetId: 'd1', details: { note: '=SUM(A1), "引号"' } });
    const own = await coordinator.get('/api/audit?action=test.*').expect(200);
    expect(own.body.items.map((e: { action: string }) => e.action)).toEqual(['test.first']);
    await coordinator.get(`/api/audit?jurisdictionId=${sx.jurisdiction.id}`).expect(403);
  });

  it('filters by target, time and pages', async () => {
    const byTarget = await admin.get('/api/audit?targetType=department&targetId=d2').expect(200);
    expect(byTarget.body).toMatchObject({ total: 1, items: [{ action: 'test.second' }] });
    const later = await admin.get('/api/audit?from=2018-01-02T00:00:00Z').expect(200);
    expect(later.body.total).toBe(0);
    const paged = await admin.get('/api/audit?action=test.*&pageSize=1&page=2').expect(200);
    expect(paged.body).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ action: 'test.first' }] });
    const bad = await admin.get('/api/audit?from=yesterday').expect(400);
    expect(bad.body.errors[0].field).toBe('from');
  });

  it('exports the scoped entries as CSV with formulas defused', async () => {
    const res = await coordinator.get('/api/audit/export?action=test.*').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actorId,actorRole,actorEmail,jurisdictionId,action,targetType,targetId,details');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('test.first');
    expect(lines[1]).not.toContain('test.second');
  });

  it('refuses update, delete and truncate at the database', async () => {
    const conn = em(api.app).getConnection();
    await expect(conn.execute(`update audit_log set action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(conn.execute(`delete from audit_log`)).rejects.toThrow(/append-only/);
    await expect(conn.execute(`truncate audit_log`)).rejects.toThrow(/append-only/);
  });

  it('is closed to departments, observers and anonymous callers', async () => {
    await request(api.http).get('/api/audit').expect(401);
  });
});
