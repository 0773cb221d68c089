/**
 * A saved web page (a gov.cn article) → PlanDocument: the article body only. The charset comes
 * from the BOM, `<meta charset>` or `http-equiv` (GBK pages are common), else UTF-8 falling back
 * to GB18030. The body is the first known content container (#UCAP-CONTENT, .TRS_Editor, …),
 * else the element holding most of the page's non-link text; scripts, navigation, breadcrumbs,
 * share bars and footers are removed first. The page's `<h1>` (or `<title>`) heads the document
 * when the container does not hold it, since the parser reads the plan's title from the top.
 */
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import * as iconv from 'iconv-lite';
import type { Block, PlanDocument } from '@duban/plan-parser';
import { gridFromCells, type GridCell } from './grid';

const CONTENT_SELECTORS = ['#UCAP-CONTENT', '.TRS_Editor', '.pages_content', '#zoom', '.article-content', '.article_content', '#content .content', '.article', 'article', '.content', '#content', 'main'];
const FURNITURE = 'script, style, noscript, iframe, form, button, select, input, textarea, nav, header, footer, aside, object, embed, svg, canvas, img, video, audio';
const FURNITURE_NAME = /(^|[-_\s])(nav|navbar|menu|breadcrumbs?|crumbs?|bread|share|bdshare|jiathis|footer|foot|header|head|topbar|sidebar|side|toolbar|tools|print|related|relevant|comment|copyright|position|location|weizhi|dqwz|fenxiang|erweima|qrcode|search|login|banner|links?|friendlink)([-_\s]|\d|$)/i;
const BLOCK_TAGS = new Set(['p', 'div', 'section', 'article', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'center', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'main', 'hr', 'address', 'figure', 'figcaption']);

export function decodeHtml(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf.subarray(2), 'utf-16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return iconv.decode(buf.subarray(2), 'utf-16be');
  const head = buf.subarray(0, 4096).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (declared && !/^utf-?8$/.test(declared) && iconv.encodingExists(declared)) {
    // GB2312 and GBK pages often hold characters only GB18030 (their superset) maps
    return iconv.decode(buf, /^(gb2312|gbk|gb18030|x-gbk)$/.test(declared) ? 'gb18030' : declared);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return iconv.decode(buf, 'gb18030');
  }
}

export function readHtml(bytes: Uint8Array): PlanDocument {
  const $ = load(decodeHtml(bytes));
  const pageTitle = ($('h1').first().text() || $('title').first().text().split(/[-_|｜—]/)[0] || '').replace(/\s+/g, ' ').trim();
  $(FURNITURE).remove();
  $('[style*="display:none"], [style*="display: none"], [hidden]').remove();
  $('*').each((_, node) => {
    const el = node as Element;
    const name = `${$(el).attr('id') ?? ''} ${$(el).attr('class') ?? ''}`;
    if (el.tagName !== 'body' && el.tagName !== 'html' && FURNITURE_NAME.test(name) && !isContentName(name)) $(el).remove();
  });
  const container = contentContainer($);
  const blocks: Block[] = [];
  if (container) new HtmlWalker($, blocks).walk(container);
  if (pageTitle && !blocks.slice(0, 3).some((b) => b.kind !== 'table' && squash(b.text) === squash(pageTitle))) {
    blocks.unshift({ kind: 'heading', text: pageTitle, level: 1 });
  }
  return { blocks };
}

function isContentName(name: string): boolean {
  return /content|article|TRS_Editor|zoom|pages_content/i.test(name);
}

function squash(s: string): string {
  return s.replace(/\s+/g, '');
}

function contentContainer($: CheerioAPI): Element | null {
  for (const sel of CONTENT_SELECTORS) {
    const found = $(sel)
      .toArray()
      .filter((el) => squash($(el).text()).length >= 50);
    if (found.length) return found.sort((a, b) => squash($(b).text()).length - squash($(a).text()).length)[0] as Element;
  }
  // densest block: descend from <body> while one child holds most of the non-link text
  let cur = ($('body')[0] as Element | undefined) ?? null;
  while (cur) {
    const total = ownText($, cur);
    const best = $(cur)
      .children()
      .toArray()
      .map((c) => ({ c: c as Element, n: ownText($, c as Element) }))
      .sort((a, b) => b.n - a.n)[0];
    if (!best || best.n < total * 0.75 || best.c.tagName === 'table' || best.c.tagName === 'p') break;
    cur = best.c;
  }
  return cur;
}

function ownText($: CheerioAPI, el: Element): number {
  return squash($(el).text()).length - squash($(el).find('a').text()).length;
}

class HtmlWalker {
  private line = '';

  constructor(
    private readonly $: CheerioAPI,
    private readonly blocks: Block[],
  ) {}

  walk(el: Element): void {
    this.children(el);
    this.flush();
  }

  private children(el: Element): void {
    for (const n of el.children) this.node(n);
  }

  private node(n: AnyNode): void {
    if (n.type === 'text') {
      this.line += (n as unknown as { data: string }).data.replace(/[\r\n\t ]+/g, ' ');
      return;
    }
    if (n.type !== 'tag') return;
    const el = n as Element;
    const tag = el.tagName.toLowerCase();
    if (tag === 'br') {
      this.line += '\n';
      return;
    }
    if (tag === 'table') {
      this.flush();
      this.table(el);
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) this.flush();
    this.children(el);
    if (block) this.flush(/^h[1-6]$/.test(tag) ? Number(tag[1]) : undefined);
  }

  private flush(heading?: number): void {
    const lines = this.line.split('\n').map((l) => l.replace(/^[ \u00a0]+|[ \u00a0\u3000]+$/g, '').replace(/^\u3000+/, ''));
    this.line = '';
    for (const text of lines) {
      if (text.trim() === '') continue;
      this.blocks.push(heading ? { kind: 'heading', text, level: heading } : { kind: 'paragraph', text });
    }
  }

  private table(table: Element): void {
    const $ = this.$;
    // a layout table (holding tables, or one column of prose) is read as its content
    const rowsEls = $(table).find('tr').toArray().filter((tr) => $(tr).closest('table')[0] === table);
    const nested = $(table).find('table').length > 0;
    const rows: GridCell[][] = rowsEls.map((tr) =>
      $(tr)
        .children('td, th')
        .toArray()
        .map((cell) => ({ text: this.cellText(cell as Element), colSpan: span($(cell).attr('colspan')), rowSpan: span($(cell).attr('rowspan')) })),
    );
    const grid = gridFromCells(rows);
    if (nested || grid.length === 0 || grid[0].length === 1) {
      for (const tr of rowsEls) for (const cell of $(tr).children('td, th').toArray()) this.walk(cell as Element);
      return;
    }
    this.blocks.push({ kind: 'table', rows: grid });
  }

  private cellText(cell: Element): string {
    const inner: Block[] = [];
    new HtmlWalker(this.$, inner).walk(cell);
    return inner.map((b) => (b.kind === 'table' ? b.rows.map((r) => r.join(' ')).join('\n') : b.text)).join('\n');
  }
}

function span(v: string | undefined): number {
  const n = Number(v ?? 1);
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : 1;
}
