/**
 * Page-level layout: which lines are furniture (page numbers, signatures, 抄送, bylines, closing
 * formulas) rather than plan text. Pure line tests, no document structure.
 */
import { CN_DATE } from './dates';
import { asciiDigits } from './text';

const DATE_CORE = `(?:[0-9０-９]{4}\\s*年\\s*[0-9０-９]{1,2}\\s*月\\s*[0-9０-９]{1,2}\\s*日|${CN_DATE})`;

/** `2016年3月20日`, `２０１６年４月１３日`, `（2019年1月12日）`. */
const STANDALONE_DATE_RE = new RegExp(`^[（(]?\\s*${DATE_CORE}\\s*[）)]?$`);

/** `山东省人民政府办公厅2019年3月15日印发`. */
const ORG_DATE_RE = new RegExp(`^(.{2,60}?)\\s*(${DATE_CORE})\\s*(?:印发|发布|印)?$`);

/** Bodies that sign plans end with one of these words. */
const ORG_SUFFIX = '(?:人民政府办公厅|人民政府办公室|人民政府|政府办公厅|政府办公室|政府|国务院办公厅|国务院|委员会|办公室|领导小组|小组|办公厅|厅|局|委|办|部|院|中心|署|会)';
const ORG_NAME_RE = new RegExp(`^[\\u4e00-\\u9fff“”"（）()]{2,60}${ORG_SUFFIX}$`);

export function isStandaloneDate(line: string): boolean {
  return line.length <= 26 && STANDALONE_DATE_RE.test(line);
}

/** A signing body's name on a line of its own. */
export function isOrgName(line: string): boolean {
  return line.length <= 64 && ORG_NAME_RE.test(line);
}

/** Signature forms: the organisation and the date on one line (a 印发 line). */
export function orgDateLine(line: string): { org: string; date: string } | null {
  if (line.length > 80 || !/日(?:印发|发布|印)?$/.test(line)) return null;
  const m = ORG_DATE_RE.exec(line);
  if (!m || !isOrgName(m[1].trim())) return null;
  return { org: m[1].trim(), date: m[2] };
}

const TOC_TAIL_RE = /(?:\.{3}|…{2}|·{3}|-{4})\s{0,8}[0-9０-９]{1,3}$/;

/** Page numbers and similar furniture inside the body (`— 3 —`, `-12-`, `第3页 共20页`). */
export function isPageFurniture(line: string): boolean {
  // A table of contents entry (`一、总体要求………………1`) or its heading.
  // Only the line's end is tested: a pattern run over a long line of dots would re-read the run
  // from every position in it.
  if (TOC_TAIL_RE.test(line.slice(-16)) || /^目\s*录$/.test(line)) return true;
  if (line.length > 24) return false;
  const a = asciiDigits(line);
  return /^[-—–―\s]*\d{1,4}[-—–―\s]*$/.test(a) || /^第\s*\d+\s*页(\s*[,，]?\s*共\s*\d+\s*页)?$/.test(a) || /^共\s*\d+\s*页/.test(a);
}

const CLOSING_RE = /(?:自|从)(?:印发|发布|公布|下发)之日起(?:施行|实施|执行|生效)|由.{1,20}负责解释/;

/**
 * True when line `i` starts the end matter: signature, date, 抄送/印发 notes, (此件公开发布),
 * attachments, a reporter's byline, or the closing formula (本措施自印发之日起施行…).
 */
export function isEndMatter(lines: readonly string[], i: number): boolean {
  const line = lines[i];
  if (isStandaloneDate(line) || orgDateLine(line)) return true;
  if (/^(?:抄送|抄报|主送|印发)\s*[:：]/.test(line)) return true;
  if (/^[（(](?:此件|发至|此页无正文)[^）)]*[）)]$/.test(line)) return true;
  if (/^附件\s*(?:[:：]|[0-9０-９]|$)/.test(line)) return true;
  if (/^(?:本报记者|记者|通讯员|责任编辑|编辑|来源)[\s\u3000:：]/.test(line) && line.length <= 40) return true;
  if (line.length <= 400 && CLOSING_RE.test(line) && !/^[（(]?[一二三四五六七八九十0-9０-９]/.test(line)) return true;
  if (isOrgName(line)) {
    const next = lines[i + 1];
    if (next !== undefined && (isStandaloneDate(next) || orgDateLine(next))) return true;
  }
  return false;
}
