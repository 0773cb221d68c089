import { SMTPServer } from 'smtp-server';
import type { AppConfig } from '@duban/config';
import { freePort } from '@duban/dev-services';
import { Mailer, MailTimeoutError } from './mailer';

/** A relay that takes the message and then never answers its final 250 (stalled in DATA). */
async function stalledRelay(port: number) {
  let stall = true;
  const received: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received.push(Date.now());
        if (!stall) callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { received, unstall: () => (stall = false), stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('Mailer: one message has a total time limit', () => {
  it('fails a send the relay holds past the limit, then sends on a fresh connection', async () => {
    const port = await freePort();
    const relay = await stalledRelay(port);
    const mailer = new Mailer({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'duban@localhost' } as AppConfig);
    try {
      const mail = { to: ['a@example.cn'], subject: '超时', text: 't', html: '<p>t</p>', key: 'timeout:1' };
      const started = Date.now();
      await expect(mailer.send(mail, 1500)).rejects.toBeInstanceOf(MailTimeoutError);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(relay.received).toHaveLength(1); // it was stuck after DATA, not before
      relay.unstall();
      await mailer.send({ ...mail, key: 'timeout:2' }, 5000);
      expect(relay.received).toHaveLength(2);
    } finally {
      mailer.onModuleDestroy();
      await relay.stop();
    }
  });
});
