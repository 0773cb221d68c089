/**
 * Numbering and heading markers at the start of a line: `一、` `（一）` `(一)` `1.` `1、` `１．`
 * `1` (no dot, as in some provincial texts) `1.1` `1.1.1` `（1）` `1)` `①` `——` `———` `●` and `专栏…`.
 * The tokenizer only recognises shapes; whether a marker really opens an item is decided by the
 * outline builder from the numbering sequence (structure.ts).
 */
import { asciiDigits } from './text';

export type MarkerKind =
  | 'chap' // 第一章 第一部分
  | 'sect' // 第一节
  | 'art' // 第一条
  | 'cn' // 一、
  | 'pcn' // （一）
  | 'ar' // 1.  1、  1
  | 'ard' // 1.1
  | 'ard3' // 1.1.1
  | 'arp' // 1)
  | 'par' // （1）
  | 'circ' // ①
  | 'dash' // —— ———
  | 'bullet' // ● ◆ …
  | 'column'; // 专栏一

export interface Marker {
  kind: MarkerKind;
  /** Sequence number; 0 for unnumbered kinds (dash, bullet, column). */
  num: number;
  /** Length of the marker, including separators and spaces after it. */
  length: number;
}

/** Kinds carrying a sequence number. */
export const NUMBERED_KINDS: ReadonlySet<MarkerKind> = new Set(['chap', 'sect', 'art', 'cn', 'pcn', 'ar', 'ard', 'ard3', 'arp', 'par', 'circ']);

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** 一 … 九十九 (plan numbering never needs more); NaN for anything else. */
export function cnNumeral(s: string): number {
  if (s.length === 0 || s.length > 3) return NaN;
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 && s in CN_DIGITS ? CN_DIGITS[s] : NaN;
  if (s.indexOf('十', ten + 1) >= 0) return NaN;
  const tens = ten === 0 ? 1 : s.length > 0 && ten === 1 ? CN_DIGITS[s[0]] : NaN;
  const rest = s.slice(ten + 1);
  const ones = rest === '' ? 0 : rest.length === 1 ? CN_DIGITS[rest] : NaN;
  const n = tens * 10 + ones;
  return Number.isFinite(n) && n > 0 ? n : NaN;
}

const CN = '[一二三四五六七八九十零〇两]{1,3}';
const DIG = '[0-9０-９]{1,3}';

const CHAP_RE = new RegExp(`^第\\s*(${CN}|[0-9０-９]{1,2})\\s*(章|部分|篇|节|条)[\\s、：:]*`);
const ARD_RE = /^([0-9０-９]{1,2})\s*[.．]\s*([0-9０-９]{1,2})(?![0-9０-９.．])\s*[.．、]?\s*/;
/** `2.1.1` (three-level decimal numbering, as in 行动计划 modelled on technical documents). */
const ARD3_RE = /^([0-9０-９]{1,2})\s*[.．]\s*([0-9０-９]{1,2})\s*[.．]\s*([0-9０-９]{1,2})(?![0-9０-９.．])\s*[.．、]?\s*/;
const COLUMN_RE = /^专栏\s*([一二三四五六七八九十零〇0-9０-９]{0,3})(?=[\s:：、.．]|$)[\s:：、.．]*/;
const CN_RE = new RegExp(`^(${CN})\\s*[、．.]\\s*`);
const PCN_RE = new RegExp(`^[（(]\\s*(${CN})\\s*[）)]\\s*[、．.]?\\s*`);
const PAR_RE = new RegExp(`^[（(]\\s*(${DIG})\\s*[）)]\\s*[、．.]?\\s*`);
const ARP_RE = new RegExp(`^(${DIG})\\s*[)）]\\s*`);
const AR_DOT_RE = new RegExp(`^(${DIG})(?![0-9０-９])\\s*[.．、](?![0-9０-９])\\s*`);
/** `1发展众创空间`: a bare number glued to the heading text. */
const AR_BARE_RE = new RegExp(`^(${DIG})(?![0-9０-９.．、,，%％])\\s*(?=[\\u4e00-\\u9fff“"《「])`);
/** After a bare number these characters make it a quantity, not a numbering (`5个` `2017年`). */
const MEASURE_WORDS = new Set(
  '年月日号时分秒个项家万亿千百元余多倍名人所座条批期届次级星类种型位台套支只辆件米度天周岁季户亩吨部场轮股版代'.split(''),
);
const CIRC_RE = /^([\u2460-\u2473])\s*/;
/** `——` `———` (a single dash also starts wrapped text such as `—县(市、区)—社区`, so it is not one). */
const DASH_RE = /^(?:[—―─━]{2,}|[-－]{2,})\s*/;
const BULLET_RE = /^[●•◆■▪◇○◎★☆▶►]\s*/;

/** The marker at the start of `line`, if any. */
export function detectMarker(line: string): Marker | null {
  const c0 = line.charAt(0);
  if (c0 === '') return null;
  let m: RegExpExecArray | null;
  if (c0 === '第') {
    m = CHAP_RE.exec(line);
    if (!m) return null;
    const n = /[0-9０-９]/.test(m[1]) ? toInt(m[1]) : cnNumeral(m[1]);
    return numbered(m[2] === '节' ? 'sect' : m[2] === '条' ? 'art' : 'chap', n, m[0].length);
  }
  if (c0 === '专') {
    m = COLUMN_RE.exec(line);
    return m ? { kind: 'column', num: 0, length: m[0].length } : null;
  }
  if (c0 === '(' || c0 === '（') {
    if ((m = PCN_RE.exec(line))) return numbered('pcn', cnNumeral(m[1]), m[0].length);
    if ((m = PAR_RE.exec(line))) return numbered('par', toInt(m[1]), m[0].length);
    return null;
  }
  if ((m = CN_RE.exec(line))) return numbered('cn', cnNumeral(m[1]), m[0].length);
  if ((m = ARD3_RE.exec(line))) {
    const next = line.charAt(m[0].length);
    return MEASURE_WORDS.has(next) || next === '%' || next === '％' ? null : numbered('ard3', toInt(m[3]), m[0].length);
  }
  if ((m = ARD_RE.exec(line))) {
    const next = line.charAt(m[0].length);
    return MEASURE_WORDS.has(next) || next === '%' || next === '％' ? null : numbered('ard', toInt(m[2]), m[0].length);
  }
  if ((m = AR_DOT_RE.exec(line))) return numbered('ar', toInt(m[1]), m[0].length);
  if ((m = ARP_RE.exec(line))) return numbered('arp', toInt(m[1]), m[0].length);
  if ((m = AR_BARE_RE.exec(line))) {
    const next = line.charAt(m[0].length);
    return MEASURE_WORDS.has(next) ? null : numbered('ar', toInt(m[1]), m[0].length);
  }
  if ((m = CIRC_RE.exec(line))) return numbered('circ', m[1].charCodeAt(0) - 0x2460 + 1, m[0].length);
  if ((m = DASH_RE.exec(line))) return { kind: 'dash', num: 0, length: m[0].length };
  if ((m = BULLET_RE.exec(line))) return { kind: 'bullet', num: 0, length: m[0].length };
  return null;
}

function numbered(kind: MarkerKind, num: number, length: number): Marker | null {
  return Number.isFinite(num) && num > 0 ? { kind, num, length } : null;
}

function toInt(s: string): number {
  return parseInt(asciiDigits(s), 10);
}
