/**
 * A plain-text plan as the .docx a coordinator would receive: one paragraph per line, and every
 * line-start marker (`一、` `（二）` `3.` `（4）`) moved out of the text into Word's automatic
 * numbering, restarting where the text restarts, so the reader must render numbering.xml to get
 * the same text back. Flattened table rows (`a | b | c`) become real tables.
 */
import { buildDocx, type DocxBlock, type DocxLevel } from './docx-writer';

const MARKERS: { re: RegExp; format: string; template: (punct: string) => string; value: (m: RegExpExecArray) => number }[] = [
  { re: /^([一二三四五六七八九十]{1,3})(、)/, format: 'chineseCounting', template: (p) => `%1${p}`, value: (m) => cn(m[1]) },
  { re: /^（([一二三四五六七八九十]{1,3})(）)/, format: 'chineseCounting', template: () => '（%1）', value: (m) => cn(m[1]) },
  { re: /^\(([一二三四五六七八九十]{1,3})(\))/, format: 'chineseCounting', template: () => '(%1)', value: (m) => cn(m[1]) },
  { re: /^(\d{1,2})([.．、])(?![\d.．])/, format: 'decimal', template: (p) => `%1${p}`, value: (m) => Number(m[1]) },
  { re: /^（(\d{1,2})(）)/, format: 'decimal', template: () => '（%1）', value: (m) => Number(m[1]) },
  { re: /^\((\d{1,2})(\))/, format: 'decimal', template: () => '(%1)', value: (m) => Number(m[1]) },
];

export function planDocx(text: string, options: { header?: string; footer?: string; autoNumber?: boolean } = {}): Uint8Array {
  const lists: Record<number, DocxLevel[]> = {};
  const nums: Record<number, { abstract: number; startOverride?: Record<number, number> }> = {};
  const current = new Map<string, { num: number; last: number }>();
  let nextId = 1;
  const body: DocxBlock[] = [];
  let table: string[][] | null = null;
  const flushTable = () => {
    if (table) body.push({ table });
    table = null;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    if (/ \| /.test(line) && line.split(' | ').length >= 3) {
      const cells = line.split(' | ');
      if (table && table[0].length !== cells.length) flushTable();
      (table ??= []).push(cells);
      continue;
    }
    flushTable();
    const marker = options.autoNumber === false ? undefined : MARKERS.map((m) => ({ m, hit: m.re.exec(line) })).find((x) => x.hit);
    if (!marker?.hit) {
      body.push(line);
      continue;
    }
    const { m, hit } = marker;
    const rest = line.slice(hit[0].length);
    const suffix = /^[ \u3000]/.test(rest) ? 'space' : 'nothing';
    const key = `${m.format}|${m.template(hit[2])}|${suffix}`;
    const value = m.value(hit);
    let cur = current.get(key);
    if (!cur || cur.last + 1 !== value) {
      const abstract = nextId++;
      lists[abstract] = [{ format: m.format, text: m.template(hit[2]), suffix }];
      nums[abstract] = { abstract, ...(value !== 1 ? { startOverride: { 0: value } } : {}) };
      cur = { num: abstract, last: value };
      current.set(key, cur);
    } else cur.last = value;
    body.push({ text: rest.replace(/^[ \u3000]/, ''), num: { id: cur.num, level: 0 } });
  }
  flushTable();
  return buildDocx({ body, lists, nums, header: options.header, footer: options.footer });
}

function cn(s: string): number {
  const d = '一二三四五六七八九';
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + d.indexOf(s[1]) + 1;
  if (s.includes('十')) return (d.indexOf(s[0]) + 1) * 10 + (s.length > 2 ? d.indexOf(s[2]) + 1 : 0);
  return d.indexOf(s) + 1;
}
