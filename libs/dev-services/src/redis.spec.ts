import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedis } from './redis';

describe('startRedis', () => {
  let taken: Server;
  let port: number;
  const dataDir = mkdtempSync(join(tmpdir(), 'duban-redis-spec-'));

  beforeAll(async () => {
    taken = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a port something already listens on instead of taking that for its own Redis', async () => {
    await expect(startRedis({ dataDir, port, persistent: false })).rejects.toThrow(`127.0.0.1:${port} is already taken`);
  });
});
