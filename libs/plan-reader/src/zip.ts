/**
 * OOXML archives unzipped with caps checked before anything is inflated: the sizes the archive
 * declares (total, per entry, ratio to the compressed size), and the inflated output can never
 * exceed what was declared (fflate writes into a buffer of the declared size), so a lying header
 * cannot smuggle a bomb past the check.
 */
import { unzipSync, zipSync, type Unzipped } from 'fflate';
import { PlanReadError } from './errors';
import { mb, READ_LIMITS } from './limits';

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

/** Entry names of an archive, without inflating anything. */
export function zipEntryNames(bytes: Uint8Array, format: string): string[] {
  const names: string[] = [];
  guard(format, () => unzipSync(bytes, { filter: (f) => (names.push(f.name), false) }));
  return names;
}

/** Inflates the entries `want` accepts (all by default), within the limits. */
export function unzipSafely(bytes: Uint8Array, format: string, want: (name: string) => boolean = () => true): Unzipped {
  let total = 0;
  let count = 0;
  return guard(format, () =>
    unzipSync(bytes, {
      filter: (f) => {
        if (++count > READ_LIMITS.maxZipEntries) throw bomb(format, `the archive has more than ${READ_LIMITS.maxZipEntries} entries`);
        if (!want(f.name)) return false;
        total += f.originalSize;
        if (total > READ_LIMITS.maxInflatedBytes) throw bomb(format, `it would inflate to more than ${mb(READ_LIMITS.maxInflatedBytes)}, the limit`);
        if (f.originalSize > 1024 * 1024 && f.originalSize / Math.max(f.size, 1) > READ_LIMITS.maxCompressionRatio) {
          throw bomb(format, `${f.name} is compressed ${Math.round(f.originalSize / Math.max(f.size, 1))}:1, more than the ${READ_LIMITS.maxCompressionRatio}:1 limit`);
        }
        return true;
      },
    }),
  );
}

/**
 * The same archive rebuilt from entries already inflated within the limits (stored, not
 * compressed), for libraries that unzip by themselves.
 */
export function rezip(entries: Unzipped): Uint8Array {
  return zipSync(entries, { level: 0 });
}

function bomb(format: string, why: string): PlanReadError {
  return new PlanReadError('too_large', `压缩包解压后过大 / the ${format} file is refused: ${why}`, format);
}

function guard<T>(format: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof PlanReadError) throw e;
    throw new PlanReadError('corrupt', `文件已损坏 / the ${format} file is damaged (${e instanceof Error ? e.message : String(e)})`, format);
  }
}
