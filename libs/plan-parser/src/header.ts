/**
 * Plan metadata from the header, the signature and the preamble: title, issuer, jurisdiction,
 * document number and issue date. Every rule works on line shapes, never on a particular source.
 */
import { parseFullDate } from './dates';
import { CITIES, PROVINCES } from './gazetteer';
import { isOrgName, isStandaloneDate, orgDateLine } from './layout';
import { asciiDigits } from './text';

export interface HeaderFields {
  title: string;
  issuer: string | null;
  jurisdiction: string | null;
  docNumber: string | null;
  issuedOn: string | null;
}

const DOCNO = '[\\u4e00-\\u9fff]{1,12}\\s*[〔\\[【(（［]\\s*[0-9０-９]{4}\\s*[〕\\]】)）］]\\s*(?:第\\s*)?[0-9０-９]{1,5}\\s*号';
const DOCNO_ONLY_RE = new RegExp(`^[（(]?\\s*(${DOCNO})\\s*[）)]?$`);
/** `文号：…`, or in a flattened metadata table `文    号 蔡政办〔2023〕1号` (no colon). */
const DOCNO_LABEL_RE = new RegExp(`(?:发文字号|文\\s*号)\\s*(?:[:：|｜]\\s*|\\s+)(${DOCNO})`);
const DOCNO_SUFFIX_RE = new RegExp(`[（(]\\s*(${DOCNO})\\s*[）)]$`);

const TITLE_KIND =
  '(?:实施意见|指导意见|若干意见|意见|通知|决定|行动计划|实施方案|行动方案|工作方案|方案|计划|若干措施|政策措施|若干政策|措施|实施细则|细则|办法|规划|纲要|工作要点|要点|任务分工|责任分工|责任分解|任务分解|清单)';
const TITLE_RE = new RegExp(`${TITLE_KIND}(?:\\s*[（(][^（()）]{1,20}[）)])?$`);
const NOTICE_RE = /关于(?:印发|转发|下发)《?(.+?)》?的通知/;
const PERIOD_LINE_RE = /^[（(]\s*[0-9０-９]{4}\s*[-—–－~～至]+\s*[0-9０-９]{4}\s*年?\s*[）)]$/;

/** How many leading lines may hold the title and document number. */
const HEADER_SCAN = 40;

function looksLikeTitle(line: string): boolean {
  return (
    line.length >= 4 &&
    line.length <= 120 &&
    !/[。；;！？：:]$/.test(line) &&
    !/^(?:为|现|根据|按照|各|经)/.test(line) &&
    TITLE_RE.test(line)
  );
}

export function extractTitle(lines: readonly string[], bodyStart: number, issuer: string | null): string {
  const limit = Math.min(lines.length, bodyStart, HEADER_SCAN);
  for (let i = 0; i < limit; i++) {
    let line = lines[i];
    if (!looksLikeTitle(line)) continue;
    line = line.replace(DOCNO_SUFFIX_RE, '').trim();
    // A title split after the issuing body: 青海省人民政府 / 关于积极推进…的实施意见
    if (line.startsWith('关于') && i > 0 && isOrgName(lines[i - 1])) line = lines[i - 1] + line;
    const notice = NOTICE_RE.exec(line);
    if (notice) return notice[1].replace(/[《》]/g, '');
    if (i + 1 < lines.length && PERIOD_LINE_RE.test(lines[i + 1])) line += lines[i + 1];
    return line;
  }
  const derived = deriveTitle(lines.slice(0, Math.min(lines.length, Math.max(bodyStart, 1) + 2)).join('\n'), issuer);
  if (derived) return derived;
  for (let i = 0; i < Math.min(lines.length, 5); i++) {
    const l = lines[i];
    // (Not a row of the page's metadata table: `索 引 号 | … | 公开方式 | …`.)
    if (l.length <= 60 && !/[:：|｜]/.test(l) && !/[。；;]$/.test(l)) return l;
  }
  return '';
}

/**
 * A document without a title line usually says what it is in its preamble: "为贯彻落实《国务院关于
 * 积极推进“互联网+”行动的指导意见》…，制定本实施意见". Title = issuer + 关于 + topic + 的 + kind.
 */
function deriveTitle(preamble: string, issuer: string | null): string | null {
  if (!issuer) return null;
  const kind = /(?:制定|提出|形成)(?:本|如下|以下)(实施意见|指导意见|意见|实施方案|行动方案|工作方案|方案|行动计划|计划|办法|若干措施|措施)/.exec(
    preamble,
  );
  const topic = /《[^《》]*?关于([^《》]{2,60}?)的(?:指导意见|实施意见|若干意见|意见|通知|决定|规划|方案|计划)》/.exec(preamble);
  if (!kind || !topic) return null;
  return `${issuer}关于${topic[1]}的${kind[1]}`;
}

export function extractDocNumber(lines: readonly string[], bodyStart: number): string | null {
  const limit = Math.min(lines.length, Math.max(bodyStart, HEADER_SCAN));
  for (let i = 0; i < limit; i++) {
    const m = DOCNO_LABEL_RE.exec(lines[i]);
    if (m) return m[1].trim();
  }
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].length > 40) continue;
    const m = DOCNO_ONLY_RE.exec(lines[i]);
    if (m) return m[1].trim();
  }
  for (let i = 0; i < Math.min(lines.length, HEADER_SCAN); i++) {
    const m = looksLikeTitle(lines[i].replace(DOCNO_SUFFIX_RE, '').trim()) ? DOCNO_SUFFIX_RE.exec(lines[i]) : null;
    if (m) return m[1].trim();
  }
  return null;
}

interface Signature {
  issuer: string | null;
  date: string | null;
}

/** The first signature: a body's name followed by a date line, or a 印发 line. */
function findSignature(lines: readonly string[]): Signature {
  for (let i = 0; i < lines.length; i++) {
    if (isStandaloneDate(lines[i])) {
      const org = i > 0 && isOrgName(lines[i - 1]) ? lines[i - 1] : null;
      return { issuer: org, date: parseFullDate(lines[i]) };
    }
    const od = orgDateLine(lines[i]);
    if (od) return { issuer: od.org, date: parseFullDate(od.date) };
  }
  return { issuer: null, date: null };
}

const ISSUER_LABEL_RE =
  /(?:发布机构|发文机关|发文单位|制发机关)\s*[:：]\s*([\u4e00-\u9fff]{2,40}?(?:人民政府办公厅|人民政府|办公厅|委员会|国务院|政府|厅|局|委|办))/;
const DATE_LABEL_RE = /(?:成文日期|发文日期|印发日期)\s*[:：]\s*([0-9０-９]{4}\s*[-年./]\s*[0-9０-９]{1,2}\s*[-月./]\s*[0-9０-９]{1,2})/;
const WEB_DATE_RE = /(?:发布日期|发布时间)\s*[:：]\s*([0-9０-９]{4}\s*[-年./]\s*[0-9０-９]{1,2}\s*[-月./]\s*[0-9０-９]{1,2})/;
const TITLE_ISSUER_RE = /^([\u4e00-\u9fff]{2,30}?(?:人民政府办公厅|人民政府|政府办公厅|国务院办公厅|国务院|委员会|政府))关于/;
/** A news report names the plan it covers: 《山西省人民政府关于…的实施意见》出台. */
const REPORTED_PLAN_RE =
  /《([\u4e00-\u9fff]{2,30}?(?:人民政府办公厅|人民政府|政府办公厅|国务院办公厅|国务院|政府))关于[^《》]{2,80}》\s*(?:正式)?(?:出台|印发|发布|公布|出炉)/;

export function extractHeader(lines: readonly string[], bodyStart: number): HeaderFields {
  const head = lines.slice(0, Math.min(lines.length, HEADER_SCAN));
  const sig = findSignature(lines);
  let issuer = sig.issuer;
  if (!issuer) issuer = firstMatch(head, ISSUER_LABEL_RE);
  if (!issuer) {
    for (const l of head) {
      if (!looksLikeTitle(l)) continue;
      const m = TITLE_ISSUER_RE.exec(l);
      if (m) {
        issuer = m[1];
        break;
      }
    }
  }
  if (!issuer) {
    // The reported title may be broken over lines by the layout: search the lead joined up.
    const lead = lines.slice(0, Math.min(lines.length, bodyStart + 5, 60)).join('').slice(0, 20_000);
    issuer = REPORTED_PLAN_RE.exec(lead)?.[1] ?? null;
  }

  let issuedOn = sig.date;
  if (!issuedOn) issuedOn = parseLabelDate(head, DATE_LABEL_RE);
  if (!issuedOn) issuedOn = parseLabelDate(head, WEB_DATE_RE);

  const title = extractTitle(lines, bodyStart, issuer);
  return {
    title,
    issuer,
    jurisdiction: extractJurisdiction(issuer, title, lines),
    docNumber: extractDocNumber(lines, bodyStart),
    issuedOn,
  };
}

function firstMatch(lines: readonly string[], re: RegExp): string | null {
  for (const l of lines) {
    if (l.length > 2000) continue;
    const m = re.exec(l);
    if (m) return m[1];
  }
  return null;
}

function parseLabelDate(lines: readonly string[], re: RegExp): string | null {
  const s = firstMatch(lines, re);
  return s ? parseFullDate(s) : null;
}

/** Province or city the plan governs; "全国" for the State Council and national bodies. */
export function extractJurisdiction(issuer: string | null, title: string, lines: readonly string[]): string | null {
  if (issuer) {
    if (/^(?:国务院|中共中央|全国|国家)/.test(issuer)) return '全国';
    const fromIssuer = placeAt(issuer, 0);
    if (fromIssuer) return fromIssuer;
  }
  if (/^国务院/.test(title)) return '全国';
  const inTitle = firstPlaceIn(title);
  if (inTitle) return inTitle;
  // A district's text usually names its city (`鞍山市立山区人民政府文件`), which the gazetteer knows;
  // a county or city it does not list is still named by its own government.
  return mostFrequentPlace(lines) ?? (issuer ? governedPlace(issuer) : null);
}

function placeAt(s: string, at: number): string | null {
  for (const [short, full] of PROVINCES) if (s.startsWith(short, at)) return full;
  for (const city of CITIES) if (s.startsWith(city, at)) return `${city}市`;
  return null;
}

/**
 * The place a local government names itself after when the gazetteer does not list it (a county,
 * a district, a smaller city): `金乡县人民政府` → 金乡县, `蔡甸区人民政府办公室` → 蔡甸区.
 */
const GOVERNMENT_OF_RE =
  /^([\u4e00-\u9fff]{1,8}?(?:自治州|自治县|特别行政区|自治区|省|市|州|县|区|旗|盟))(?:人民政府|政府)(?:办公厅|办公室)?$/;

function governedPlace(issuer: string): string | null {
  const m = GOVERNMENT_OF_RE.exec(issuer);
  // A bare level word (`市人民政府`, `区人民政府办公室`) names no place.
  return m && m[1].length >= 2 && !/^[某XＸ×]/.test(m[1]) ? m[1] : null;
}

function firstPlaceIn(s: string): string | null {
  let best: { at: number; name: string } | null = null;
  const consider = (needle: string, name: string) => {
    const at = s.indexOf(needle);
    if (at >= 0 && (best === null || at < best.at)) best = { at, name };
  };
  for (const [short, full] of PROVINCES) consider(short, full);
  for (const city of CITIES) consider(city, `${city}市`);
  return best === null ? null : (best as { at: number; name: string }).name;
}

/**
 * Last resort: the place the text names most often (at least twice), at the level its
 * departments show: 省…厅 / 我省 for a province, 市…局 / 我市 for a city.
 */
function mostFrequentPlace(lines: readonly string[]): string | null {
  const text = lines.join('\n').slice(0, 200_000);
  const provinceLevel = countOf(text, /(?:^|[、，,（(：:\n])省[\u4e00-\u9fff]{1,10}(?:厅|委|局|办)|我省|全省/g);
  const cityLevel = countOf(text, /(?:^|[、，,（(：:\n])市[\u4e00-\u9fff]{1,10}(?:局|委|办)|我市|全市/g);
  let best: { n: number; name: string } | null = null;
  const count = (needle: string, name: string) => {
    let n = 0;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++;
    if (n >= 2 && (best === null || n > best.n)) best = { n, name };
  };
  if (provinceLevel >= cityLevel) for (const [short, full] of PROVINCES) count(short, full);
  if (cityLevel >= provinceLevel || best === null) for (const city of CITIES) count(city, `${city}市`);
  if (best === null && cityLevel > provinceLevel) return cityInDepartment(text);
  return best === null ? null : (best as { n: number; name: string }).name;
}

/**
 * A city plan often names its city only inside one body's name (`丽水市发改委`, `丽水开发区管委会`):
 * once is enough there, as long as a single city is so named.
 */
function cityInDepartment(text: string): string | null {
  const found = new Set<string>();
  for (const city of CITIES) {
    if (!text.includes(city)) continue;
    const re = new RegExp(`${city}(?:市)?[\\u4e00-\\u9fff]{0,10}?(?:局|委|办|管委会|中心|海关|支行|分局)`);
    if (re.test(text)) found.add(`${city}市`);
  }
  return found.size === 1 ? [...found][0] : null;
}

function countOf(text: string, re: RegExp): number {
  let n = 0;
  for (re.lastIndex = 0; re.exec(text); ) n++;
  return n;
}

/** The year of an ISO date. */
export function yearOf(iso: string | null): number | null {
  return iso ? parseInt(asciiDigits(iso).slice(0, 4), 10) : null;
}
