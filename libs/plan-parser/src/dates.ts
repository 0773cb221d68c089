/**
 * Deadline and target-year grammar: 到2020年, 2017年底前, 2017年年底前, 2018年6月底前,
 * 2019年3月15日前, and year-less forms (年底前, 年内, 6月底完成) that take the year the plan was
 * issued. Full-width digits count as digits. All patterns are bounded and scanned once.
 */
import { asciiDigits } from './text';

export interface DateContext {
  /** Year the plan was issued; year-less dates need it. */
  issueYear: number | null;
}

const MIN_YEAR = 1949;
const MAX_YEAR = 2100;

const FULL_DATE_RE = /(?:(到|至|截至|截止到?|于|时限[:：]|时间[:：]|节点[:：])\s*)?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(前|之前|以前)?/g;
const MONTH_RE = /(?:(到|至|截至|截止到?|于|时限[:：]|时间[:：])\s*)?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(底|末|份?前|份?以前|份?之前|份?完成)?/g;
const YEAR_END_RE = /(\d{4})\s*年\s*(?:年\s*)?(?:底|末)/g;
const BY_YEAR_RE = /(?:到|至|截至|截止到?|力争|争取|于)\s*(\d{4})\s*年(?!\s*\d{1,2}\s*月)/g;
/** `2023—2025年` / `2023至2025年`: a period ends with its last year. */
const YEAR_RANGE_RE = /(?<!\d)\d{4}\s*年?\s*(?:[-—–~～至到－]){1,3}\s*(\d{4})\s*年/g;
const YEAR_BEFORE_RE = /(\d{4})\s*年\s*(?:前|以前|之前|内|完成)/g;
/** `完成时限：2018年` (a deadline field names a bare year; `2024年起` names a start, not a deadline). */
const FIELD_YEAR_RE = /(?:完成时限|完成时间|时间节点|时限要求|时间要求|进度安排|时限)\s*[:：]\s*(\d{4})\s*年(?!\s*\d{1,2}\s*月|\s*(?:起|开始|以来))/g;
/** `到“十三五”末` names the last year of a five-year plan period. */
const FIVE_YEAR_RE = /(?:(?:到|至)\s*[“"]?十([二三四五])五[”"]?\s*(?:时期|期间)?\s*(?:末|期末)?|[“"]?十([二三四五])五[”"]?\s*(?:时期|期)?末)/g;
const FIVE_YEAR_END: Record<string, number> = { 二: 2015, 三: 2020, 四: 2025, 五: 2030 };
const MONTH_ONLY_RE = /(?<![年\d])(\d{1,2})\s*月\s*(?:底|末|份?前|中旬前|上旬前|下旬前|完成)/g;
/**
 * `年底前` `年内` `每年年底前` (the first is the issue year's); not the tail of `2018年年底`, nor a span
 * of years (`三年内`).
 */
const YEAR_WORD_RE = /(?<!\d\s?年?\s?|[一二三四五六七八九十两几多数])(?:今年|本年度?)?(年底前?|年末|年内)|(?<![\d年])(上半年|下半年|年中)/g;
/** `2018年上半年` `2018年第三季度` `2018年一季度末`. */
const YEAR_PART_RE = /(\d{4})\s*年\s*(?:(上半年|下半年|年中)|第?([一二三四1-4])\s*季度)/g;
/**
 * `2023年新增20个` `，2025年实现全覆盖`: a bare year opening a sentence or clause and followed by
 * what is to be done is the date that work is due (its year's end). Elsewhere a bare year is a
 * reference (`比2020年下降`, `2016年版`, `2019年以来`) and no date.
 */
const BARE_YEAR_RE =
  /(?<![^\s。；;，,：:、])(\d{4})\s*年\s*[，,]?\s*(?:全[省市县区州]|我[省市县区州])?(?:新增|新建|新培育|新开工|新改建|新创建|实现|建成|完成|达到|累计|力争|争取|基本|全面|初步|确保|培育|打造|创建|形成|启动|开工|投产|投用|上线|引进|改造|举办|建设|打通|覆盖)/g;
/** A heading that opens with its year (`2025年主要预期目标`, `2023年重点工作`). */
const HEADING_YEAR_RE = /^(\d{4})\s*年(?!\s*\d|\s*月|度|以来|起|开始|前|底|末)/;
const QUARTER_ONLY_RE = /(?<![\d年第])第?([一二三四])\s*季度/g;
const QUARTER: Record<string, number> = { 一: 3, 二: 6, 三: 9, 四: 12, '1': 3, '2': 6, '3': 9, '4': 12 };

/**
 * Every run of white space as one space. The patterns allow a space between a number and its
 * unit (`2018 年`); with runs collapsed each `\s*` matches at most one character, so no pattern
 * re-reads a long run from every position inside it (a megabyte of spaces before a year would
 * otherwise cost quadratic time).
 */
function compactSpaces(s: string): string {
  return /\s\s/.test(s) ? s.replace(/\s+/g, ' ') : s;
}

/** Runs `re` over `s` (only when `wanted`), calling `fn` for each match. */
function scan(re: RegExp, s: string, wanted: boolean, fn: (m: RegExpExecArray) => void): void {
  if (!wanted) return;
  let m: RegExpExecArray | null;
  for (re.lastIndex = 0; (m = re.exec(s)); ) fn(m);
}

/**
 * A bare `2024年6月` that ends a department clause (`（A负责，2024年6月）`) is the item's deadline,
 * as a date with 底/前 would be; in running text it may be a past event.
 */
function closesClause(s: string, at: number): boolean {
  let i = at;
  while (i < s.length && (s[i] === ' ' || s[i] === '\u3000')) i++;
  return i < s.length && '）)〕】'.includes(s[i]);
}

/** Every deadline-like date in `text`, as ISO strings, in text order. */
export function findDates(text: string, ctx: DateContext): string[] {
  const s = compactSpaces(asciiDigits(text));
  const found: Array<{ at: number; iso: string }> = [];
  const add = (at: number, y: number, m: number, d?: number) => {
    const iso = isoDate(y, m, d);
    if (iso) found.push({ at, iso });
  };
  // Offsets already read by a more specific pattern, so `2018年6月底` is not also `2018年`.
  let taken: Uint8Array | null = null;
  const claim = (m: RegExpExecArray) => {
    taken ??= new Uint8Array(s.length);
    taken.fill(1, m.index, m.index + m[0].length);
  };
  const isTaken = (m: RegExpExecArray) => {
    if (!taken) return false;
    for (let i = m.index; i < m.index + m[0].length; i++) if (taken[i]) return true;
    return false;
  };
  // Cheap guards: most sentences name no date at all.
  const hasYear = s.includes('年');
  const hasMonth = s.includes('月');
  const hasPart = s.includes('季度') || s.includes('半年') || s.includes('年中');

  scan(FULL_DATE_RE, s, hasMonth && s.includes('日'), (m) => {
    // A bare historical date (`2016年1月12日出台`) is not a deadline; one with 前/到 is.
    if (m[5] || m[1]) add(m.index, +m[2], +m[3], +m[4]);
    claim(m);
  });
  scan(MONTH_RE, s, hasYear && hasMonth, (m) => {
    if (isTaken(m)) return;
    if (m[1] || m[4] || closesClause(s, m.index + m[0].length)) add(m.index, +m[2], +m[3]);
    claim(m);
  });
  scan(YEAR_PART_RE, s, hasPart, (m) => {
    if (isTaken(m)) return;
    add(m.index, +m[1], m[2] ? (m[2] === '下半年' ? 12 : 6) : QUARTER[m[3]]);
    claim(m);
  });
  for (const re of [YEAR_END_RE, BY_YEAR_RE, YEAR_BEFORE_RE, FIELD_YEAR_RE, YEAR_RANGE_RE]) {
    scan(re, s, hasYear, (m) => {
      if (!isTaken(m)) add(m.index, +m[1], 12, 31);
    });
  }
  scan(FIVE_YEAR_RE, s, s.includes('五'), (m) => add(m.index, FIVE_YEAR_END[m[1] ?? m[2]], 12, 31));
  const year = ctx.issueYear;
  scan(BARE_YEAR_RE, s, hasYear, (m) => {
    // A year before the plan was issued reports what was done, not what is due.
    if (!isTaken(m) && (year === null || +m[1] >= year)) add(m.index, +m[1], 12, 31);
  });
  if (year !== null) {
    // Dates without a year take the year the plan was issued.
    scan(MONTH_ONLY_RE, s, hasMonth, (m) => {
      if (!isTaken(m)) add(m.index, year, +m[1]);
    });
    scan(YEAR_WORD_RE, s, hasYear, (m) => {
      if (isTaken(m)) return;
      if (m[2] === '上半年' || m[2] === '年中') add(m.index, year, 6, 30);
      else add(m.index, year, 12, 31);
    });
    scan(QUARTER_ONLY_RE, s, hasPart, (m) => {
      if (!isTaken(m)) add(m.index, year, QUARTER[m[1]]);
    });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.iso);
}

/** The latest date in `text` (several in one item: the latest is the deadline). */
export function latestDate(text: string, ctx: DateContext): string | null {
  let best: string | null = null;
  for (const d of findDates(text, ctx)) if (best === null || d > best) best = d;
  return best;
}

/** The year a key-area heading opens with, as that area's date; null when none or past. */
export function headingYear(title: string, ctx: DateContext): string | null {
  const m = HEADING_YEAR_RE.exec(asciiDigits(title));
  if (!m || (ctx.issueYear !== null && +m[1] < ctx.issueYear)) return null;
  return isoDate(+m[1], 12, 31);
}

/** Years a goal section targets: 到2020年 / 2020年底 / 2022年新建… */
export function findTargetYears(text: string): number[] {
  const s = compactSpaces(asciiDigits(text));
  const years = new Set<number>();
  for (const re of [BY_YEAR_RE, YEAR_END_RE, BARE_YEAR_RE]) {
    scan(re, s, true, (m) => {
      const y = +m[1];
      if (y >= MIN_YEAR && y <= MAX_YEAR) years.add(y);
    });
  }
  scan(FIVE_YEAR_RE, s, s.includes('五'), (m) => years.add(FIVE_YEAR_END[m[1] ?? m[2]]));
  return [...years].sort((a, b) => a - b);
}

/** ISO date; a missing day means the last day of the month. Null when out of range. */
export function isoDate(y: number, m: number, d?: number): string | null {
  if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR || !(m >= 1 && m <= 12)) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const day = d === undefined ? last : d;
  if (!(day >= 1 && day <= last)) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const CN_DIGIT: Record<string, number> = {
  '〇': 0, '○': 0, '零': 0, 'Ｏ': 0, 'O': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
};

/** 二〇一七 → 2017 (digit by digit); 二十四 → 24 (a count). */
function cnYear(s: string): number {
  let y = 0;
  for (const c of s) {
    if (!(c in CN_DIGIT)) return NaN;
    y = y * 10 + CN_DIGIT[c];
  }
  return y;
}

function cnCount(s: string): number {
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 ? (CN_DIGIT[s] ?? NaN) : NaN;
  const tens = ten === 0 ? 1 : (CN_DIGIT[s.slice(0, ten)] ?? NaN);
  const rest = s.slice(ten + 1);
  return tens * 10 + (rest ? (CN_DIGIT[rest] ?? NaN) : 0);
}

/** A date written in Chinese numerals, as signatures often are: 二〇一七年一月二十四日. */
export const CN_DATE = '[〇○零ＯO一二三四五六七八九]{4}\\s*年\\s*[一二三四五六七八九十]{1,3}\\s*月\\s*[一二三四五六七八九十]{1,3}\\s*日';

/**
 * Parse a stand-alone date such as `2016年3月20日`, `２０１６年４月１３日`, `2017-01-24` or
 * `二〇一七年一月二十四日`.
 */
export function parseFullDate(s: string): string | null {
  const a = asciiDigits(s);
  const m = /(\d{4})\s*(?:年|-|\/|\.)\s*(\d{1,2})\s*(?:月|-|\/|\.)\s*(\d{1,2})/.exec(a);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  const c = /([〇○零ＯO一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/.exec(s);
  return c ? isoDate(cnYear(c[1]), cnCount(c[2]), cnCount(c[3])) : null;
}
