import { rmSync } from 'node:fs';
import type { RunningService } from '@duban/dev-services';

export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as { __dubanServices?: RunningService[] }).__dubanServices ?? [];
  await Promise.allSettled(started.map((s) => s.stop()));
  if (process.env.DUBAN_TEST_ROOT) rmSync(process.env.DUBAN_TEST_ROOT, { recursive: true, force: true });
}
