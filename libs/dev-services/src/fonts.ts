import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CJK_FONT_FILES = ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'];

/**
 * The nightly summary's chart names departments in Chinese: as root on Debian, install a CJK font
 * (fonts-wqy-microhei, 5 MB) when none is there. Never fatal: without one the chart numbers the
 * departments instead.
 */
export function ensureCjkFont(): boolean {
  if (CJK_FONT_FILES.some((f) => existsSync(f))) return true;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return false;
  try {
    process.stderr.write('no CJK font found: installing Debian package fonts-wqy-microhei…\n');
    execFileSync('sh', ['-c', 'apt-get install -y fonts-wqy-microhei >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y fonts-wqy-microhei >/dev/null 2>&1)'], { stdio: 'inherit', timeout: 300_000 });
  } catch {
    // offline or no apt: the chart falls back to numbered departments
  }
  return CJK_FONT_FILES.some((f) => existsSync(f));
}
