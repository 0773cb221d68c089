/**
 * .docx → PlanDocument, read from the OOXML itself: the body's paragraphs and tables in order,
 * automatic numbering rendered (numbering.ts), headings from outline levels. Headers, footers,
 * footnotes, endnotes and comments live in other parts of the package and are never opened;
 * deleted revisions, field codes and the fallback copies of drawings are skipped.
 */
import type { Block, PlanDocument } from '@duban/plan-parser';
import { PlanReadError } from './errors';
import { Numbering } from './numbering';
import { gridFromCells, type GridCell } from './grid';
import { isElement, kid, kids, parseXml, path, val, type XmlElement } from './xml';
import { unzipSafely } from './zip';

const PARTS = new Set(['word/document.xml', 'word/numbering.xml', 'word/styles.xml']);

interface Style {
  basedOn?: string;
  name: string;
  outline?: number;
  numId?: string;
  ilvl?: number;
}

export function readDocx(bytes: Uint8Array): PlanDocument {
  const parts = unzipSafely(bytes, 'Word (.docx)', (name) => PARTS.has(name));
  const document = parseXml(parts['word/document.xml']);
  const body = kid(document, 'w:body');
  if (!body) throw new PlanReadError('corrupt', '文件已损坏 / the .docx file has no document body', 'docx');
  const styles = readStyles(parseXml(parts['word/styles.xml']));
  const numbering = new Numbering(parseXml(parts['word/numbering.xml']), (id) => styles.get(id));
  const reader = new BodyReader(styles, numbering);
  reader.container(body);
  return { blocks: reader.blocks };
}

class BodyReader {
  readonly blocks: Block[] = [];

  constructor(
    private readonly styles: StyleTable,
    private readonly numbering: Numbering,
  ) {}

  /** Block-level content of the body, a cell or a text box. */
  container(el: XmlElement, into: Block[] = this.blocks): void {
    for (const c of kids(el)) {
      if (c.name === 'w:p') this.paragraph(c, into);
      else if (c.name === 'w:tbl') this.table(c, into);
      else if (c.name === 'w:sdt') this.container(kid(c, 'w:sdtContent') ?? c, into);
      else if (c.name === 'w:customXml' || c.name === 'w:ins' || c.name === 'mc:AlternateContent') this.container(choice(c), into);
    }
  }

  private paragraph(p: XmlElement, into: Block[]): void {
    const boxes: Block[] = [];
    const text = (this.label(p) + this.runs(p, boxes)).replace(/[ \t\u00a0\u3000]+$/g, '').replace(/^[ \t\u00a0]+/, '');
    if (text.trim() !== '') {
      const level = this.outlineLevel(p);
      into.push(level === undefined ? { kind: 'paragraph', text } : { kind: 'heading', text, level: level + 1 });
    }
    into.push(...boxes);
  }

  private label(p: XmlElement): string {
    const pPr = kid(p, 'w:pPr');
    const numPr = kid(pPr, 'w:numPr');
    let numId = val(kid(numPr, 'w:numId'));
    let ilvl = val(kid(numPr, 'w:ilvl')) !== undefined ? Number(val(kid(numPr, 'w:ilvl'))) : undefined;
    if (numId === undefined) {
      const style = this.styles.get(val(kid(pPr, 'w:pStyle')) ?? 'Normal');
      numId = style?.numId;
      ilvl ??= style?.ilvl;
    }
    if (numId === undefined || numId === '0') return '';
    return this.numbering.next(numId, ilvl ?? 0);
  }

  /** The visible text of a paragraph's runs; text boxes are read as blocks of their own after it. */
  private runs(el: XmlElement, boxes: Block[]): string {
    let s = '';
    for (const c of el.children) {
      if (!isElement(c)) continue;
      switch (c.name) {
        case 'w:t':
          s += textOf(c);
          break;
        case 'w:tab':
        case 'w:ptab':
          s += '\t';
          break;
        case 'w:br':
        case 'w:cr':
          // a page or column break is not a line break inside the sentence
          s += val(c, 'w:type') === 'page' || val(c, 'w:type') === 'column' ? '' : '\n';
          break;
        case 'w:noBreakHyphen':
          s += '-';
          break;
        case 'w:sym':
          s += symbol(val(c, 'w:char'));
          break;
        case 'w:txbxContent':
          this.container(c, boxes);
          break;
        case 'w:del':
        case 'w:moveFrom':
        case 'w:instrText':
        case 'w:delText':
        case 'w:pPr':
        case 'w:rPr':
        case 'w:footnoteReference':
        case 'w:endnoteReference':
        case 'w:commentReference':
        case 'mc:Fallback':
          break;
        default:
          s += this.runs(c, boxes);
      }
    }
    return s;
  }

  private outlineLevel(p: XmlElement): number | undefined {
    const pPr = kid(p, 'w:pPr');
    const own = val(kid(pPr, 'w:outlineLvl'));
    if (own !== undefined) return Number(own) < 9 ? Number(own) : undefined;
    return this.styles.get(val(kid(pPr, 'w:pStyle')) ?? 'Normal')?.outline;
  }

  private table(tbl: XmlElement, into: Block[]): void {
    const rows: GridCell[][] = [];
    for (const tr of kids(tbl, 'w:tr')) {
      const row: GridCell[] = [];
      const before = Number(val(path(tr, 'w:trPr', 'w:gridBefore')) ?? 0);
      for (let i = 0; i < before; i++) row.push({ text: '', colSpan: 1 });
      for (const tc of cellsOf(tr)) {
        const tcPr = kid(tc, 'w:tcPr');
        const vMerge = kid(tcPr, 'w:vMerge');
        const cellBlocks: Block[] = [];
        this.container(tc, cellBlocks);
        row.push({
          text: cellBlocks.map(blockText).join('\n'),
          colSpan: Math.max(1, Number(val(kid(tcPr, 'w:gridSpan')) ?? 1)),
          continuesAbove: vMerge !== null && val(vMerge) !== 'restart',
        });
      }
      rows.push(row);
    }
    const grid = gridFromCells(rows);
    if (grid.length === 0) return;
    // A one-column table is a box around prose (a 专栏, a note), not a table of tasks.
    if (grid[0].length === 1) {
      for (const [text] of grid) for (const line of text.split('\n')) if (line.trim()) into.push({ kind: 'paragraph', text: line });
      return;
    }
    into.push({ kind: 'table', rows: grid });
  }
}

function cellsOf(tr: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of kids(tr)) {
    if (c.name === 'w:tc') out.push(c);
    else if (c.name === 'w:sdt') out.push(...cellsOf(kid(c, 'w:sdtContent') ?? c));
    else if (c.name === 'w:customXml') out.push(...cellsOf(c));
  }
  return out;
}

function blockText(b: Block): string {
  return b.kind === 'table' ? b.rows.map((r) => [...new Set(r)].join(' ')).join('\n') : b.text;
}

function choice(el: XmlElement): XmlElement {
  return el.name === 'mc:AlternateContent' ? (kid(el, 'mc:Choice') ?? el) : el;
}

function textOf(t: XmlElement): string {
  return t.children.map((n) => (n.type === 'text' ? (n as unknown as { data: string }).data : '')).join('');
}

/** Symbol-font characters (Wingdings bullets) become a bullet; others as given. */
function symbol(code: string | undefined): string {
  if (!code) return '';
  const n = parseInt(code, 16);
  return n >= 0xf000 ? '●' : String.fromCharCode(n);
}

type StyleTable = Map<string, Style>;

function readStyles(root: XmlElement | null): StyleTable {
  const raw = new Map<string, Style>();
  for (const s of kids(root, 'w:style')) {
    const id = val(s, 'w:styleId');
    if (!id) continue;
    const pPr = kid(s, 'w:pPr');
    const outline = val(kid(pPr, 'w:outlineLvl'));
    const ilvl = val(path(pPr, 'w:numPr', 'w:ilvl'));
    raw.set(id, {
      name: val(kid(s, 'w:name')) ?? id,
      basedOn: val(kid(s, 'w:basedOn')),
      outline: outline !== undefined && Number(outline) < 9 ? Number(outline) : undefined,
      numId: val(path(pPr, 'w:numPr', 'w:numId')),
      ilvl: ilvl !== undefined ? Number(ilvl) : undefined,
    });
  }
  const resolved: StyleTable = new Map();
  const resolve = (id: string, depth = 0): Style | undefined => {
    const done = resolved.get(id);
    if (done) return done;
    const s = raw.get(id);
    if (!s) return undefined;
    const parent = s.basedOn && depth < 20 ? resolve(s.basedOn, depth + 1) : undefined;
    const heading = /^(heading|标题)\s*([1-9])$/i.exec(s.name);
    const style: Style = {
      ...s,
      outline: s.outline ?? (heading ? Number(heading[2]) - 1 : parent?.outline),
      numId: s.numId ?? parent?.numId,
      ilvl: s.ilvl ?? parent?.ilvl,
    };
    resolved.set(id, style);
    return style;
  };
  for (const id of raw.keys()) resolve(id);
  return resolved;
}
