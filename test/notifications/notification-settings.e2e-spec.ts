import { startTestApi, type TestApi } from '../support/app';
import { client, type Client, login } from '../support/auth';
import { type SeededPlan, seedPlan, seedUser } from '../support/factories';

const PATH = (id: string) => `/api/jurisdictions/${id}/notification-settings`;
const PASSWORD = 'settings-password';

describe('notification settings over HTTP', () => {
  let api: TestApi;
  let qh: SeededPlan;
  let sx: SeededPlan;
  const as: Record<string, Client> = {};

  beforeAll(async () => {
    api = await startTestApi();
    qh = await seedPlan(api.app, '青海省', [{ title: '任务', deadline: '2030-01-01', lead: ['省发展改革委'] }]);
    sx = await seedPlan(api.app, '陕西省', [{ title: '陕西任务', deadline: '2030-01-01', lead: ['陕西省科技厅'] }]);
    const users = {
      admin: { role: 'admin' },
      coordinator: { role: 'coordinator', jurisdiction: '青海省' },
      observer: { role: 'observer', jurisdiction: '青海省' },
      otherCoordinator: { role: 'coordinator', jurisdiction: '陕西省' },
      department: { role: 'department', departmentId: qh.departments['省发展改革委'].id },
    };
    for (const [name, user] of Object.entries(users)) {
      const email = `${name.toLowerCase()}@settings.example.org`;
      await seedUser(api.app, { email, password: PASSWORD, ...(user as { role: 'admin' }) });
      as[name] = client(api, await login(api, email, PASSWORD));
    }
  });
  afterAll(() => api.close());

  it('reads the defaults when nothing is customised', async () => {
    const res = await as.observer.get(PATH(qh.jurisdiction.id)).expect(200);
    expect(res.body).toEqual({
      jurisdictionId: qh.jurisdiction.id,
      reminderOffsets: [30, 7, 1],
      reportCycleDay: 25,
      ladder: [
        { level: 'yellow', label: '黄', afterWorkingDays: 0, notify: ['lead'], redCard: false },
        { level: 'orange', label: '橙', afterWorkingDays: 7, notify: ['lead', 'coordinators'], redCard: false },
        { level: 'red', label: '红', afterWorkingDays: 30, notify: ['lead', 'coordinators'], redCard: true },
      ],
      summaryTime: '20:00',
      defaults: ['reminderOffsets', 'reportCycleDay', 'ladder', 'summaryTime'],
    });
  });

  it('patches some fields, leaves the others, and reads them back', async () => {
    const ladder = [
      { level: 'yellow', label: '黄', afterWorkingDays: 0, notify: ['lead'] },
      { level: 'red', label: '红', afterWorkingDays: 10, notify: ['lead', 'coordinators'], redCard: true },
    ];
    const patched = await as.coordinator.patch(PATH(qh.jurisdiction.id), { reminderOffsets: [3, 14], summaryTime: '18:30', ladder }).expect(200);
    expect(patched.body).toMatchObject({ reminderOffsets: [14, 3], reportCycleDay: 25, summaryTime: '18:30', defaults: ['reportCycleDay'] });
    expect(patched.body.ladder).toEqual([
      { level: 'yellow', label: '黄', afterWorkingDays: 0, notify: ['lead'], redCard: false },
      { level: 'red', label: '红', afterWorkingDays: 10, notify: ['lead', 'coordinators'], redCard: true },
    ]);

    await as.admin.patch(PATH(qh.jurisdiction.id), { reportCycleDay: 10 }).expect(200);
    const read = await as.coordinator.get(PATH(qh.jurisdiction.id)).expect(200);
    expect(read.body).toEqual({ ...patched.body, reportCycleDay: 10, defaults: [] });

    // null restores a default; the other jurisdiction is untouched
    const reset = await as.coordinator.patch(PATH(qh.jurisdiction.id), { summaryTime: null }).expect(200);
    expect(reset.body).toMatchObject({ summaryTime: '20:00', reminderOffsets: [14, 3], defaults: ['summaryTime'] });
    expect((await as.admin.get(PATH(sx.jurisdiction.id)).expect(200)).body.reminderOffsets).toEqual([30, 7, 1]);
  });

  it('answers 400 problem+json naming each bad field, and changes nothing', async () => {
    const before = (await as.admin.get(PATH(qh.jurisdiction.id)).expect(200)).body;
    const res = await as.coordinator
      .patch(PATH(qh.jurisdiction.id), { reminderOffsets: [7, 7, 0, 400, 1.5], reportCycleDay: 29, summaryTime: '24:00', ladder: [{ level: 'red', label: '红', afterWorkingDays: 5, notify: ['lead'] }, { level: 'orange', label: '橙', afterWorkingDays: 2, notify: ['lead'] }] })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const fields = new Set(res.body.errors.map((e: { field: string }) => e.field));
    expect([...fields].sort()).toEqual(['ladder', 'reminderOffsets', 'reportCycleDay', 'summaryTime']);
    expect(res.body.errors.find((e: { field: string }) => e.field === 'ladder').message).toMatch(/climb/);

    for (const body of [{ reminderOffsets: [] }, { reminderOffsets: 'x' }, { reportCycleDay: 0 }, { summaryTime: '8:00' }, { ladder: [] }, { ladder: [{ level: 'Bad', label: 'x', afterWorkingDays: 0, notify: ['lead'] }] }, { unknown: 1 }]) {
      const bad = await as.coordinator.patch(PATH(qh.jurisdiction.id), body).expect(400);
      expect({ body, fields: bad.body.errors.map((e: { field: string }) => e.field) }).toEqual({ body, fields: expect.arrayContaining([Object.keys(body)[0]]) });
    }
    expect((await as.admin.get(PATH(qh.jurisdiction.id)).expect(200)).body).toEqual(before);
  });

  it('lets a coordinator or observer see only its own jurisdiction, and a department not at all', async () => {
    await as.otherCoordinator.get(PATH(qh.jurisdiction.id)).expect(403);
    await as.otherCoordinator.patch(PATH(qh.jurisdiction.id), { reportCycleDay: 5 }).expect(403);
    await as.observer.get(PATH(sx.jurisdiction.id)).expect(403);
    await as.observer.patch(PATH(qh.jurisdiction.id), { reportCycleDay: 5 }).expect(403);
    await as.department.get(PATH(qh.jurisdiction.id)).expect(403);
    await as.department.patch(PATH(qh.jurisdiction.id), { reportCycleDay: 5 }).expect(403);
    expect((await as.admin.get(PATH(qh.jurisdiction.id)).expect(200)).body.reportCycleDay).toBe(10);
  });

  it('answers 404 for an unknown or malformed jurisdiction id', async () => {
    await as.admin.get(PATH('00000000-0000-4000-8000-000000000000')).expect(404);
    await as.admin.patch(PATH('00000000-0000-4000-8000-000000000000'), { reportCycleDay: 5 }).expect(404);
    await as.admin.get(PATH('not-a-uuid')).expect(404);
  });
});
