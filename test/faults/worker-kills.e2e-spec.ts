import type { ChildProcess } from 'node:child_process';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { ManualClock } from '@duban/clock';
import { type CaughtMail, freePort, parseMessage } from '@duban/dev-services';
import { LEASE_MS } from '@duban/notifications';
import { eventually } from '../support/eventually';
import { startWorkerContext, type WorkerTestEnv, workerTestEnv } from '../support/worker';
import { WorkerWorld } from '../support/worker-factories';
import { deliveries, killed, spawnWorker } from './support';

/**
 * A slow relay (each message held 0.3–1.2 s before its 250): a message counts as delivered only
 * when its 250 goes to a live connection, as a real MTA commits it. `severed()` marks every open
 * connection dead at the moment of a kill (the close event would only come a loop turn later).
 * It remembers when it last answered 250, so the test can stay out of the one window SMTP cannot
 * close (between the relay's 250 and the outbox's "sent", libs/notifications/README.md).
 */
async function slowRelay(port: number) {
  const accepted: CaughtMail[] = [];
  const closed = new Set<string>();
  const open = new Set<string>();
  const state = { last250: 0, inData: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(session: SMTPServerSession, callback: (err?: Error) => void) {
      open.add(session.id);
      callback();
    },
    onClose(session: SMTPServerSession) {
      open.delete(session.id);
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      state.inData++;
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        setTimeout(() => {
          state.inData--;
          if (closed.has(session.id)) return callback(new Error('connection gone'));
          accepted.push(parseMessage(Buffer.concat(chunks)));
          state.last250 = Date.now();
          callback();
        }, 300 + Math.random() * 900);
      });
    },
  });
  // a killed worker resets its connections: expected here, not a failure of the relay
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const severed = () => open.forEach((id) => closed.add(id));
  return { accepted, state, severed, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('fault: kill -9 a worker ten times at random moments with mail pending', () => {
  const DEPARTMENTS = 120;
  const KILLS = 10;
  const START = new Date('2026-11-18T10:00:00+08:00').getTime();
  let env: WorkerTestEnv;
  let relay: Awaited<ReturnType<typeof slowRelay>> | undefined;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    env = await workerTestEnv();
  });
  afterAll(async () => {
    await killed(child);
    await relay?.stop();
    await env?.close();
  });

  it('every mail arrives exactly once', async () => {
    const smtpPort = await freePort();
    relay = await slowRelay(smtpPort);
    const setup = await startWorkerContext(env, new ManualClock(new Date(START)));
    const world = await WorkerWorld.create(setup.orm.em, { name: '反复中断省' });
    await world.user('office@kills.cn', 'coordinator');
    for (let i = 0; i < DEPARTMENTS; i++) {
      const d = await world.department(`第${i + 1}局`, [`dept${i + 1}@kills.cn`]);
      await world.task({ title: `逾期任务${i + 1}`, deadline: '2026-11-05', lead: [d] });
    }
    await setup.close();
    const expected = DEPARTMENTS + 1;
    // each incarnation starts after the previous one's leases ran out (its clock pinned further on)
    const incarnation = (k: number) =>
      spawnWorker({ TEST_CLOCK_START: new Date(START + k * (LEASE_MS + 60_000)).toISOString(), SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, SWEEP_INTERVAL_SECONDS: '3600' });
    const sent = async () => (await env.query(`select count(*)::int as n from mail_outbox where status = 'sent'`))[0].n as number;

    let kills = 0;
    for (let k = 0; k < KILLS; k++) {
      child = incarnation(k);
      // a random moment with mail in the relay's hands, out of the residual window
      await eventually(async () => expect(relay!.state.inData > 0 || (await sent()) === expected).toBe(true), { timeoutMs: 60_000, intervalMs: 20 });
      const earliest = Date.now() + Math.random() * 2000;
      // out of the window means: every message the relay accepted is marked sent, and no 250 went
      // out since that was read; the kill follows in the same tick, so none can slip in between
      const moment = await eventually(async () => {
        const readAt = Date.now();
        const marked = await sent();
        const ok = Date.now() >= earliest && relay!.state.inData > 0 && relay!.state.last250 < readAt && relay!.accepted.length === marked;
        if (ok) {
          relay!.severed();
          child!.kill('SIGKILL');
        }
        expect(ok || marked === expected).toBe(true);
        return ok;
      }, { timeoutMs: 60_000, intervalMs: 20 });
      if (moment) kills++;
      await killed(child);
      if (!moment) break; // everything was sent before this incarnation could be killed
    }
    expect(kills).toBeGreaterThanOrEqual(5);
    child = incarnation(KILLS);
    await eventually(async () => expect(await sent()).toBe(expected), { timeoutMs: 90_000, intervalMs: 500 });

    const counts = deliveries(relay.accepted);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(counts.size).toBe(expected);
  }, 300_000);
});
