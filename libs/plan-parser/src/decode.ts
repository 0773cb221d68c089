/**
 * Bytes → text for uploaded plans: UTF-8 (with or without BOM), UTF-16 with BOM, and the
 * GB18030/GBK files Chinese offices still produce. Binary files and undecodable text are
 * rejected with a typed error instead of being parsed as garbage.
 */
import * as iconv from 'iconv-lite';
import { PlanParseError } from './errors';
import { normalizeNewlines } from './text';

/** Upload limit for a plan file. */
export const MAX_PLAN_BYTES = 64 * 1024 * 1024;

export function decodePlanBytes(buf: Uint8Array): string {
  if (buf.length === 0) throw new PlanParseError('empty');
  if (buf.length > MAX_PLAN_BYTES) {
    throw new PlanParseError('too_large', `文件过大 / the file has ${buf.length} bytes, the limit is ${MAX_PLAN_BYTES}`);
  }
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let text: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const utf8 = strictUtf8(bytes.subarray(3));
    if (utf8 === null) throw new PlanParseError('encoding', '无效的 UTF-8 文本 / the file starts with a UTF-8 BOM but is not valid UTF-8');
    text = utf8;
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = iconv.decode(bytes.subarray(2), 'utf-16le');
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = iconv.decode(bytes.subarray(2), 'utf-16be');
  } else {
    // Text files never hold NUL bytes; UTF-16 without a BOM is not supported either.
    if (bytes.includes(0)) throw new PlanParseError('binary');
    const utf8 = strictUtf8(bytes);
    if (utf8 !== null) text = utf8;
    else {
      text = iconv.decode(bytes, 'gb18030');
      if (!looksLikeText(text)) throw new PlanParseError('encoding');
    }
  }
  if (text.includes('\u0000') || controlRatio(text) > 0.01) throw new PlanParseError('binary');
  text = normalizeNewlines(text);
  if (text.trim() === '') throw new PlanParseError('empty');
  return text;
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function controlRatio(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) n++;
  }
  return text.length === 0 ? 0 : n / text.length;
}

/**
 * GB18030 maps almost every byte sequence to some character, so a successful decode proves
 * little. Text in another encoding (Big5, Latin-1, Shift-JIS…) read as GB18030 yields
 * replacement characters, private-use or C1 code points and scattered symbols; a real GB file
 * is CJK, ASCII and punctuation.
 */
function looksLikeText(text: string): boolean {
  let good = 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff) || (c >= 0x80 && c <= 0x9f)) bad++;
    else if (
      (c >= 0x20 && c < 0x7f) ||
      c === 0x09 || c === 0x0a || c === 0x0d ||
      (c >= 0xa0 && c <= 0xff) ||
      (c >= 0x2000 && c <= 0x22ff) || // punctuation, letterlike symbols, arrows, maths
      (c >= 0x2460 && c <= 0x27bf) || // enclosed numbers, box drawing, shapes
      (c >= 0x2e80 && c <= 0x4dbf) || // CJK radicals, punctuation, kana, extension A
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xd800 && c <= 0xdfff) || // surrogate pairs: CJK extensions B+
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xffef)
    ) good++;
  }
  return text.length > 0 && bad <= text.length * 0.001 && good >= text.length * 0.95;
}
