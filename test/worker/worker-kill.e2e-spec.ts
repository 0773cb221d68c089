import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import { Queue } from 'bullmq';
import { ManualClock } from '@duban/clock';
import { type CaughtMail, freePort, parseMessage } from '@duban/dev-services';
import { LEASE_MS } from '@duban/notifications';
import { redisOptions } from '@duban/jobs';
import { eventually } from '../support/eventually';
import { startWorkerContext, type WorkerTestEnv, workerTestEnv } from '../support/worker';
import { WorkerWorld } from '../support/worker-factories';

/**
 * A real SMTP relay that accepts the first `limit` messages and then holds every further
 * transaction at RCPT TO: the worker is then provably mid-batch, with mails claimed but not
 * yet handed over, and none between the relay's 250 and the outbox's "sent".
 */
async function gatedRelay(port: number, limit: number) {
  const accepted: CaughtMail[] = [];
  let held = 0;
  let passed = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error) => void) {
      if (accepted.length < gate.limit) return (passed++, callback());
      held++;
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        accepted.push(parseMessage(Buffer.concat(chunks)));
        callback();
      });
    },
  });
  // the killed worker's held connections reset: expected here, not a failure of the relay
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET') throw error;
  });
  // `inData`: transactions let through that have not finished DATA; a kill then could fall between the relay's 250 and the outbox's "sent"
  const gate = { limit, accepted, held: () => held, inData: () => passed - accepted.length, open: () => (gate.limit = Infinity) };
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { ...gate, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('a worker killed mid-batch sends every mail exactly once', () => {
  const DEPARTMENTS = 30;
  // a plain working day before the month-end report window: only the overdue notices fall due
  const START = '2026-11-18T10:00:00+08:00';
  let env: WorkerTestEnv;
  let relayRef: Awaited<ReturnType<typeof gatedRelay>> | undefined;
  let child: ChildProcess | undefined;
  let restarted: Awaited<ReturnType<typeof startWorkerContext>> | undefined;

  beforeAll(async () => {
    env = await workerTestEnv();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await restarted?.close();
    await relayRef?.stop();
    await env?.close();
  });

  it('kills the worker process with mails claimed but unsent, restarts, and finds each mail delivered once', async () => {
    const smtpPort = await freePort();
    const relay = await gatedRelay(smtpPort, 10);
    relayRef = relay;
    const setup = await startWorkerContext(env, new ManualClock(START));
    const world = await WorkerWorld.create(setup.orm.em, { name: '中断省' });
    await world.user('office@kill.cn', 'coordinator');
    for (let i = 0; i < DEPARTMENTS; i++) {
      const d = await world.department(`第${i + 1}局`, [`dept${i + 1}@kill.cn`]);
      await world.task({ title: `逾期任务${i + 1}`, deadline: '2026-01-05', lead: [d] });
    }
    await setup.close();
    const expected = DEPARTMENTS + 1; // a 红 notice to each lead department and one to the coordinator office

    // the production entry point, as its own process: its start-up sweep writes and sends the batch
    child = spawn(process.execPath, [join(__dirname, '..', 'support', 'worker-child.js')], {
      env: { ...process.env, TEST_CLOCK_START: START, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, LOG_LEVEL: 'silent', SWEEP_INTERVAL_SECONDS: '3600' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const outbox = async () => {
      const [row] = await env.query(`select count(*)::int as total, (count(*) filter (where status = 'sent'))::int as sent,
                                            (count(*) filter (where status = 'sending'))::int as sending from mail_outbox`);
      return row as { total: number; sent: number; sending: number };
    };
    // mid-batch: some accepted and marked sent, others held at the relay, nobody between 250 and "sent"
    await eventually(async () => {
      expect(relay.accepted.length).toBeGreaterThanOrEqual(10);
      expect(relay.held()).toBeGreaterThan(0);
      expect(relay.inData()).toBe(0);
      expect((await outbox()).sent).toBe(relay.accepted.length);
    }, { timeoutMs: 60_000 });
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    const atKill = await outbox();
    expect(atKill.total).toBe(expected);
    expect(atKill.sending).toBeGreaterThan(0);
    expect(atKill.sent).toBeLessThan(expected);

    // a new worker starts after the dead one's leases ran out
    relay.open();
    restarted = await startWorkerContext({ ...env, apply: () => (env.apply(), (process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`)) }, new ManualClock(new Date(new Date(START).getTime() + LEASE_MS + 60_000)), { worker: true });
    await eventually(async () => expect((await outbox()).sent).toBe(expected), { timeoutMs: 60_000 });

    // and the dead worker's stalled jobs, once BullMQ hands them out again, change nothing
    const queue = new Queue('mail', { connection: redisOptions(process.env.REDIS_URL!), prefix: env.prefix });
    try {
      await eventually(async () => expect(await queue.getJobCounts('active', 'wait', 'delayed', 'prioritized')).toEqual({ active: 0, wait: 0, delayed: 0, prioritized: 0 }), { timeoutMs: 90_000, intervalMs: 500 });
    } finally {
      await queue.close();
    }
    const keys = relay.accepted.map((m) => m.headers['x-duban-key']);
    expect(keys).toHaveLength(expected);
    expect(new Set(keys).size).toBe(expected);
    expect(new Set(relay.accepted.map((m) => m.messageId)).size).toBe(expected);
    expect(relay.accepted.flatMap((m) => m.to).sort()).toEqual([...Array.from({ length: DEPARTMENTS }, (_, i) => `dept${i + 1}@kill.cn`), 'office@kill.cn'].sort());
  }, 240_000);
});
