import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

const ROOT = resolve(__dirname, '..', '..');
const CONSOLE_SRC = join(ROOT, 'apps', 'console');
const CONSOLE_OUT = join(ROOT, 'dist', 'console');
export const SCREENSHOTS = join(ROOT, '.data', 'screenshots');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the console with Vite when dist/console is missing or older than a source file (as scripts/run.sh does). */
export function ensureConsoleBuilt(): void {
  const index = join(CONSOLE_OUT, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(CONSOLE_SRC)) return;
  const vite = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(CONSOLE_SRC, 'vite.config.mts')], { cwd: ROOT, encoding: 'utf8' });
  if (vite.status !== 0) throw new Error(`the console did not build:\n${vite.stdout}\n${vite.stderr}`);
}

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Debian's Chromium; as root on Debian it is installed when missing (like redis-server for the other tests). */
export function findChromium(): string {
  const found = CHROMIUM.find((c) => existsSync(c));
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    process.stderr.write('chromium not found: installing Debian package chromium…\n');
    execFileSync('sh', ['-c', 'apt-get install -y chromium >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1)'], { stdio: 'inherit' });
    const installed = CHROMIUM.find((c) => existsSync(c));
    if (installed) return installed;
  }
  throw new Error('the browser tests need Chromium: install it (Debian/Ubuntu: sudo apt-get install chromium)');
}

/** A headless Chromium with a fresh profile, quiet on the network (no updates, sync or QUIC). */
export async function launchBrowser(): Promise<BrowserContext> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'duban-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    viewport: { width: 1366, height: 860 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
