import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];

/** A Chromium for playwright-core: CHROMIUM_PATH, a system one, or (as root on Debian) Debian's package, installed. */
export function findChromium(): string {
  const given = process.env.CHROMIUM_PATH;
  if (given && existsSync(given)) return given;
  const found = CANDIDATES.find((c) => existsSync(c));
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    process.stderr.write('chromium not found: installing Debian package chromium…\n');
    execFileSync('sh', ['-c', 'apt-get install -y chromium >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1)'], { stdio: 'inherit' });
    const installed = CANDIDATES.find((c) => existsSync(c));
    if (installed) return installed;
  }
  throw new Error('Chromium is needed for the browser tests: install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH');
}
