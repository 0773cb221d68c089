import { Writable } from 'node:stream';
import { withCorrelation } from '@duban/observability';
import { createLogger, PinoNestLogger } from './logging';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger('info', 'worker', stream) };
}

describe('log lines and the correlation id', () => {
  it('every line written while a job or request runs carries its correlation id, also across awaits', async () => {
    const { lines, logger } = capture();
    const nest = new PinoNestLogger(logger);
    await withCorrelation('req-42', async () => {
      nest.log('sweep started', 'sweep');
      await new Promise((r) => setTimeout(r, 5));
      nest.error({ msg: 'send failed', to: 'x@y.cn' }, 'trace', 'mail');
    });
    logger.info('outside');
    await new Promise((r) => setImmediate(r));
    expect(lines.map((l) => [l.msg, l.correlationId])).toEqual([
      ['sweep started', 'req-42'],
      ['send failed', 'req-42'],
      ['outside', undefined],
    ]);
  });

  it('two jobs interleaving keep their own ids', async () => {
    const { lines, logger } = capture();
    const job = (id: string) => withCorrelation(id, async () => {
      for (let i = 0; i < 3; i++) {
        logger.info(`step ${i}`);
        await new Promise((r) => setTimeout(r, 1));
      }
    });
    await Promise.all([job('a'), job('b')]);
    await new Promise((r) => setImmediate(r));
    expect(lines.filter((l) => l.correlationId === 'a')).toHaveLength(3);
    expect(lines.filter((l) => l.correlationId === 'b')).toHaveLength(3);
  });
});
