import { randomBytes } from 'node:crypto';
import { Clock, ManualClock } from '@duban/clock';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/app';
import { client, login } from '../support/auth';
import { seedUser } from '../support/factories';

const PASSWORD = 'the-right-secret-qh';

/**
 * The login limit is taken before the password is compared, atomically in Redis: per account
 * from one address (10 per 15 min), per account from all addresses (50), per address (300).
 * Addresses are given as X-Forwarded-For, which the app trusts from the loopback proxy.
 */
describe('login limit', () => {
  let api: TestApi;
  let admin: ReturnType<typeof client>;
  const attempt = (email: string, password: string, ip: string) => request(api.http).post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });
  const ip = () => `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`;

  beforeAll(async () => {
    process.env.QUEUE_PREFIX = `tll${randomBytes(4).toString('hex')}`;
    api = await startTestApi((b) => b.overrideProvider(Clock).useValue(new ManualClock('2018-01-01T09:00:00+08:00')));
    await seedUser(api.app, { email: 'admin@example.org', password: PASSWORD, role: 'admin' });
    for (const name of ['burst', 'office', 'spread']) await seedUser(api.app, { email: `${name}@example.org`, password: PASSWORD, role: 'admin' });
    admin = client(api, await login(api, 'admin@example.org', PASSWORD));
  });
  afterAll(() => api.close());

  it('answers a parallel burst of 300 wrong passwords with 429s once 10 got through, and the right password cannot race past', async () => {
    const from = ip();
    const burst = await Promise.all(Array.from({ length: 300 }, (_, i) => attempt('burst@example.org', `wrong-${i}`, from)));
    const statuses = burst.map((r) => r.status);
    expect({ 401: statuses.filter((s) => s === 401).length, 429: statuses.filter((s) => s === 429).length }).toEqual({ 401: 10, 429: 290 });
    const limited = burst.find((r) => r.status === 429)!;
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(limited.body).toMatchObject({ status: 429, retryAfterSeconds: Number(limited.headers['retry-after']) });

    const right = await Promise.all(Array.from({ length: 20 }, () => attempt('burst@example.org', PASSWORD, from)));
    expect(right.map((r) => r.status)).toEqual(Array(20).fill(429));

    const audit = await admin.get('/api/audit?targetId=burst@example.org&action=auth.locked_out').expect(200);
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'auth.locked_out', details: expect.objectContaining({ scope: 'account_address', ip: from }) })]);
    const failed = await admin.get('/api/audit?action=auth.login_failed&pageSize=100').expect(200);
    expect(failed.body.items.filter((e: { actorEmail: string }) => e.actorEmail === 'burst@example.org')).toHaveLength(10);
  });

  it('gives an address back what an account spent there when it signs in (one NAT, many people)', async () => {
    const office = ip();
    for (let i = 0; i < 9; i++) await attempt('office@example.org', `typo-${i}`, office).expect(401);
    await attempt('office@example.org', PASSWORD, office).expect(200);
    // the counter for this account at this address starts again: 9 more typos still get a 401
    for (let i = 0; i < 9; i++) await attempt('office@example.org', `typo-again-${i}`, office).expect(401);
    await attempt('office@example.org', PASSWORD, office).expect(200);
    const ok = await admin.get('/api/audit?action=auth.login_succeeded&targetType=user&pageSize=100').expect(200);
    expect(ok.body.items.filter((e: { actorEmail: string; details: { ip: string } }) => e.actorEmail === 'office@example.org' && e.details.ip === office)).toHaveLength(2);
  });

  it('limits one account across addresses', async () => {
    const addresses = Array.from({ length: 5 }, ip);
    for (const from of addresses) {
      const res = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt('spread@example.org', `guess-${i}`, from)));
      expect(res.map((r) => r.status)).toEqual(Array(10).fill(401));
    }
    await attempt('spread@example.org', PASSWORD, ip()).expect(429);
  });
});
