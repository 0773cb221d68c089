/**
 * Word's automatic list numbering rendered as the text a reader sees (`一、`, `（二）`, `3.`).
 * In real plans the numbers often live in numbering.xml, not in the paragraph text, and the
 * parser's outline depends on them.
 *
 * Model (ECMA-376 §17.9): a paragraph's numPr names a `w:num` (numId) and a level; the num points
 * at an `w:abstractNum` whose `w:lvl`s give start, numFmt, lvlText (`%1、`), lvlRestart and
 * suffix; the num may override a level's start (`w:lvlOverride/w:startOverride`) or the whole
 * level. Counters belong to the num instance; nums without overrides that share an abstractNum
 * continue one list, as Word shows them.
 */
import { kid, kids, path, val, type XmlElement } from './xml';

interface Level {
  start: number;
  format: string;
  text: string;
  /** undefined: restart after any higher level; 0: never; n: after level n (1-based) or higher */
  restart?: number;
  suffix: 'tab' | 'space' | 'nothing';
  legal: boolean;
}

interface Num {
  key: string;
  levels: Map<number, Level>;
}

export class Numbering {
  private readonly nums = new Map<string, Num>();
  private readonly counters = new Map<string, number[]>();

  constructor(numberingXml: XmlElement | null, styleNumbering: (styleId: string) => { numId?: string; ilvl?: number } | undefined = () => undefined) {
    if (!numberingXml) return;
    const abstracts = new Map<string, XmlElement>();
    for (const a of kids(numberingXml, 'w:abstractNum')) abstracts.set(val(a, 'w:abstractNumId') ?? '', a);
    const numEls = new Map(kids(numberingXml, 'w:num').map((n) => [val(n, 'w:numId') ?? '', n]));
    const abstractOf = (numId: string, depth = 0): XmlElement | undefined => {
      const abs = abstracts.get(val(kid(numEls.get(numId), 'w:abstractNumId')) ?? '');
      // an abstractNum may only link to a numbering style whose num holds the real levels
      const link = val(kid(abs, 'w:numStyleLink'));
      if (abs && link && depth < 3) {
        const viaStyle = styleNumbering(link)?.numId;
        if (viaStyle && viaStyle !== numId) return abstractOf(viaStyle, depth + 1) ?? abs;
      }
      return abs;
    };
    for (const [numId, numEl] of numEls) {
      const abs = abstractOf(numId);
      const levels = new Map<number, Level>();
      for (const lvl of kids(abs, 'w:lvl')) levels.set(Number(val(lvl, 'w:ilvl') ?? 0), levelOf(lvl));
      const overrides = kids(numEl, 'w:lvlOverride');
      for (const o of overrides) {
        const ilvl = Number(val(o, 'w:ilvl') ?? 0);
        const whole = kid(o, 'w:lvl');
        const base = whole ? levelOf(whole) : levels.get(ilvl);
        const start = val(kid(o, 'w:startOverride'));
        if (base) levels.set(ilvl, { ...base, ...(start !== undefined ? { start: Number(start) } : {}) });
      }
      const absId = val(kid(numEl, 'w:abstractNumId')) ?? numId;
      this.nums.set(numId, { key: overrides.length ? `num:${numId}` : `abs:${absId}`, levels });
    }
  }

  /** The label of the next paragraph in list `numId` at level `ilvl` ('' for none), advancing the counters. */
  next(numId: string, ilvl: number): string {
    const num = this.nums.get(numId);
    const level = num?.levels.get(ilvl);
    if (!num || !level) return '';
    const counters = this.counters.get(num.key) ?? [];
    this.counters.set(num.key, counters);
    counters[ilvl] = counters[ilvl] === undefined ? level.start : counters[ilvl] + 1;
    for (let deeper = ilvl + 1; deeper < counters.length; deeper++) {
      const restart = num.levels.get(deeper)?.restart;
      if (restart === undefined || (restart !== 0 && ilvl < restart)) counters[deeper] = undefined as unknown as number;
    }
    if (level.format === 'none') return '';
    const label = level.text.replace(/%([1-9])/g, (_, k: string) => {
      const i = Number(k) - 1;
      const l = num.levels.get(i);
      const n = counters[i] ?? l?.start ?? 1;
      return formatNumber(n, level.legal && i !== ilvl ? 'decimal' : (l?.format ?? 'decimal'));
    });
    if (level.format === 'bullet') return label.trim() === '' ? '' : '● ';
    if (label === '') return '';
    // a full-width mark already separates (`一、加快`); an ASCII one gets the gap Word's tab shows
    if (level.suffix === 'nothing' || /[^\x00-\x7f]$/.test(label)) return label;
    return `${label} `;
  }
}

function levelOf(lvl: XmlElement): Level {
  const restart = val(kid(lvl, 'w:lvlRestart'));
  return {
    start: Number(val(kid(lvl, 'w:start')) ?? 1),
    format: val(kid(lvl, 'w:numFmt')) ?? 'decimal',
    text: val(kid(lvl, 'w:lvlText')) ?? '',
    restart: restart === undefined ? undefined : Number(restart),
    suffix: (val(kid(lvl, 'w:suff')) as Level['suffix'] | undefined) ?? 'tab',
    legal: path(lvl, 'w:isLgl') !== null && val(kid(lvl, 'w:isLgl')) !== '0' && val(kid(lvl, 'w:isLgl')) !== 'false',
  };
}

const CN_DIGITS = '零一二三四五六七八九';
const CN_LEGAL = '零壹贰叁肆伍陆柒捌玖';
const HEAVENLY = '甲乙丙丁戊己庚辛壬癸';
const EARTHLY = '子丑寅卯辰巳午未申酉戌亥';

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'chineseCounting':
    case 'japaneseCounting':
    case 'chineseCountingThousand':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographDigital':
      return chineseNumber(n, CN_DIGITS, format === 'ideographDigital');
    case 'chineseLegalSimplified':
      return chineseNumber(n, CN_LEGAL, false).replace(/十/g, '拾').replace(/百/g, '佰').replace(/千/g, '仟');
    case 'ideographTraditional':
      return HEAVENLY[(n - 1) % 10] ?? String(n);
    case 'ideographZodiac':
      return EARTHLY[(n - 1) % 12] ?? String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return `(${n})`;
    case 'decimalEnclosedFullstop':
      return `${n}.`;
    case 'upperLetter':
    case 'lowerLetter': {
      const c = String.fromCharCode(65 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
      return format === 'upperLetter' ? c : c.toLowerCase();
    }
    case 'upperRoman':
    case 'lowerRoman': {
      const r = roman(n);
      return format === 'upperRoman' ? r : r.toLowerCase();
    }
    case 'bullet':
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (digit by digit for ideographDigital). */
function chineseNumber(n: number, digits: string, digitwise: boolean): string {
  if (digitwise) return String(n).replace(/\d/g, (d) => digits[Number(d)]);
  if (n <= 0 || n >= 10000) return String(n);
  const units = ['', '十', '百', '千'];
  const ds = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  ds.forEach((d, i) => {
    const unit = units[ds.length - 1 - i];
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += digits[0];
    zero = false;
    out += d === 1 && unit === '十' && out === '' ? unit : digits[d] + unit;
  });
  return out;
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) ((out += s), (n -= v));
  return out;
}
