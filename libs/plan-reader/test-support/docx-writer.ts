/**
 * Writes real .docx files (OOXML zipped with fflate) for tests, fixtures and the format
 * measurements: paragraphs with Word's automatic numbering, tables with gridSpan/vMerge merged
 * cells, headings, and a header, footer and footnote that a reader must leave out.
 */
import { strToU8, zipSync } from 'fflate';

export type DocxCell = string | { text: string; span?: number; vMerge?: 'restart' | 'continue' };
export type DocxBlock =
  | string
  | { text: string; num?: { id: number; level: number }; heading?: number; footnote?: string }
  | { table: DocxCell[][]; unruled?: boolean };

export interface DocxLevel {
  format: string;
  text: string;
  start?: number;
  restart?: number;
  suffix?: 'tab' | 'space' | 'nothing';
}

export interface DocxSpec {
  body: DocxBlock[];
  /** abstract lists by id, each a list of levels */
  lists?: Record<number, DocxLevel[]>;
  /** num id → abstract id, with optional start overrides per level */
  nums?: Record<number, { abstract: number; startOverride?: Record<number, number> }>;
  header?: string;
  footer?: string;
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function buildDocx(spec: DocxSpec): Uint8Array {
  const footnotes: string[] = [];
  const body = spec.body.map((b) => block(b, footnotes)).join('');
  const sect = `<w:sectPr>${spec.header ? `<w:headerReference w:type="default" r:id="rIdH"/>` : ''}${spec.footer ? `<w:footerReference w:type="default" r:id="rIdF"/>` : ''}<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    ),
    'word/_rels/document.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rIdFN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>`,
    ),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}${sect}</w:body></w:document>`),
    'word/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Noto Sans CJK SC" w:eastAsia="Noto Sans CJK SC" w:hAnsi="Noto Sans CJK SC"/><w:sz w:val="24"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:ind w:firstLine="480"/></w:pPr></w:style>${[1, 2, 3]
        .map((n) => `<w:style w:type="paragraph" w:styleId="Heading${n}"><w:name w:val="heading ${n}"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="${n - 1}"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>`)
        .join('')}<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style></w:styles>`,
    ),
    'word/numbering.xml': strToU8(numberingXml(spec)),
    'word/footnotes.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="${W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>${footnotes
        .map((t, i) => `<w:footnote w:id="${i + 1}"><w:p><w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p></w:footnote>`)
        .join('')}</w:footnotes>`,
    ),
  };
  if (spec.header) files['word/header1.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="${W}">${para(spec.header)}</w:hdr>`);
  if (spec.footer) files['word/footer1.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="${W}">${para(spec.footer)}<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>`);
  return zipSync(files);
}

function block(b: DocxBlock, footnotes: string[]): string {
  if (typeof b === 'string') return para(b);
  if ('table' in b) return table(b.table, b.unruled);
  const pPr = `${b.heading ? `<w:pStyle w:val="Heading${b.heading}"/>` : ''}${b.num ? `<w:numPr><w:ilvl w:val="${b.num.level}"/><w:numId w:val="${b.num.id}"/></w:numPr>` : ''}`;
  let note = '';
  if (b.footnote) {
    footnotes.push(b.footnote);
    note = `<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="${footnotes.length}"/></w:r>`;
  }
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${runs(b.text)}${note}</w:p>`;
}

function para(text: string): string {
  return `<w:p>${runs(text)}</w:p>`;
}

/** `\n` in a text becomes a line break inside the paragraph. */
function runs(text: string): string {
  return text
    .split('\n')
    .map((line, i) => `<w:r>${i ? '<w:br/>' : ''}<w:t xml:space="preserve">${esc(line)}</w:t></w:r>`)
    .join('');
}

function table(rows: DocxCell[][], unruled = false): string {
  const width = Math.max(...rows.map((r) => r.reduce<number>((n, c) => n + (typeof c === 'string' ? 1 : (c.span ?? 1)), 0)));
  const colW = Math.floor(9000 / width);
  const grid = `<w:tblGrid>${'<w:gridCol w:w="' + colW + '"/>'.repeat(width)}</w:tblGrid>`;
  const trs = rows
    .map((r, i) => {
      const header = i === 0 ? '<w:trPr><w:tblHeader/></w:trPr>' : '';
      const tcs = r
        .map((c) => {
          const cell = typeof c === 'string' ? { text: c } : c;
          const tcPr = `<w:tcPr><w:tcW w:w="${colW * (cell.span ?? 1)}" w:type="dxa"/>${cell.span ? `<w:gridSpan w:val="${cell.span}"/>` : ''}${cell.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : cell.vMerge === 'continue' ? '<w:vMerge/>' : ''}</w:tcPr>`;
          const paras = cell.vMerge === 'continue' ? '<w:p/>' : cell.text.split('\n').map(para).join('');
          return `<w:tc>${tcPr}${paras}</w:tc>`;
        })
        .join('');
      return `<w:tr>${header}${tcs}</w:tr>`;
    })
    .join('');
  return `<w:tbl><w:tblPr>${unruled ? '' : '<w:tblStyle w:val="TableGrid"/>'}<w:tblW w:w="9000" w:type="dxa"/></w:tblPr>${grid}${trs}</w:tbl>`;
}

function numberingXml(spec: DocxSpec): string {
  const abstracts = Object.entries(spec.lists ?? {})
    .map(
      ([id, levels]) =>
        `<w:abstractNum w:abstractNumId="${id}"><w:multiLevelType w:val="multilevel"/>${levels
          .map(
            (l, i) =>
              `<w:lvl w:ilvl="${i}"><w:start w:val="${l.start ?? 1}"/><w:numFmt w:val="${l.format}"/>${l.restart !== undefined ? `<w:lvlRestart w:val="${l.restart}"/>` : ''}${l.suffix ? `<w:suff w:val="${l.suffix}"/>` : ''}<w:lvlText w:val="${esc(l.text)}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="${640}"/></w:pPr></w:lvl>`,
          )
          .join('')}</w:abstractNum>`,
    )
    .join('');
  const nums = Object.entries(spec.nums ?? {})
    .map(
      ([id, n]) =>
        `<w:num w:numId="${id}"><w:abstractNumId w:val="${n.abstract}"/>${Object.entries(n.startOverride ?? {})
          .map(([lvl, start]) => `<w:lvlOverride w:ilvl="${lvl}"><w:startOverride w:val="${start}"/></w:lvlOverride>`)
          .join('')}</w:num>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="${W}">${abstracts}${nums}</w:numbering>`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
