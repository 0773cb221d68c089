import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import * as iconv from 'iconv-lite';
import { buildDocx } from '../test-support/docx-writer';
import { PlanReadError } from './errors';
import { readPlanDocument } from './read';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'test-fixtures', name));

async function refusal(bytes: Uint8Array, fileName?: string): Promise<PlanReadError> {
  const error = await readPlanDocument(bytes, { fileName }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlanReadError);
  return error as PlanReadError;
}

describe('.docx', () => {
  const levels = [
    { format: 'chineseCounting', text: '%1、', suffix: 'nothing' as const },
    { format: 'chineseCounting', text: '（%2）', suffix: 'nothing' as const },
    { format: 'decimal', text: '%3.', suffix: 'nothing' as const },
  ];
  const docx = buildDocx({
    header: '某某省人民政府办公厅文件',
    footer: '— 第 1 页 —',
    lists: { 7: levels },
    nums: { 1: { abstract: 7 }, 2: { abstract: 7, startOverride: { 0: 3 } } },
    body: [
      { text: '某某省推进数字政府建设实施方案', heading: 1 },
      { text: '总体要求', num: { id: 1, level: 0 } },
      { text: '指导思想。坚持问题导向。', num: { id: 1, level: 1 } },
      { text: '基本原则。', num: { id: 1, level: 1 } },
      { text: '重点任务', num: { id: 1, level: 0 } },
      { text: '夯实基础。', num: { id: 1, level: 1 } },
      { text: '建设政务云。（省大数据局牵头，2025年底前完成）', num: { id: 1, level: 2 }, footnote: '脚注不应出现' },
      { text: '建设数据共享平台。', num: { id: 1, level: 2 } },
      { text: '提升服务。', num: { id: 1, level: 1 } },
      { text: '保障措施', num: { id: 2, level: 0 } },
      '第一行\n第二行',
      {
        table: [
          ['序号', '重点任务', '牵头单位', '完成时限'],
          [{ text: '一、数字基础设施', span: 4 }],
          ['1', '建设政务云', { text: '省大数据局', vMerge: 'restart' }, '2025年底前'],
          ['2', '建设共享平台\n完善目录', { text: '', vMerge: 'continue' }, '长期坚持'],
        ],
      },
    ],
  });

  it('reads paragraphs in order with Word’s automatic numbering rendered, and leaves out header, footer and footnotes', async () => {
    const { format, document } = await readPlanDocument(docx, { fileName: 'plan.docx' });
    expect(format).toBe('docx');
    const texts = document.blocks.filter((b) => b.kind !== 'table').map((b) => ('text' in b ? b.text : ''));
    expect(texts).toEqual([
      '某某省推进数字政府建设实施方案',
      '一、总体要求',
      '（一）指导思想。坚持问题导向。',
      '（二）基本原则。',
      '二、重点任务',
      '（一）夯实基础。',
      '1.建设政务云。（省大数据局牵头，2025年底前完成）',
      '2.建设数据共享平台。',
      '（二）提升服务。',
      '三、保障措施',
      '第一行\n第二行',
    ]);
    expect(document.blocks[0]).toMatchObject({ kind: 'heading', level: 1 });
    expect(JSON.stringify(document)).not.toMatch(/办公厅文件|第 1 页|脚注/);
  });

  it('reads a table as a grid with gridSpan and vMerge cells repeated where they span', async () => {
    const { document } = await readPlanDocument(docx);
    const table = document.blocks.find((b) => b.kind === 'table');
    expect(table).toEqual({
      kind: 'table',
      rows: [
        ['序号', '重点任务', '牵头单位', '完成时限'],
        ['一、数字基础设施', '一、数字基础设施', '一、数字基础设施', '一、数字基础设施'],
        ['1', '建设政务云', '省大数据局', '2025年底前'],
        ['2', '建设共享平台\n完善目录', '省大数据局', '长期坚持'],
      ],
    });
  });

  it('refuses a zip bomb by its compression ratio and by its declared size, before inflating it', async () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(8 * 1024 * 1024) }, { level: 6 });
    expect(bomb.length).toBeLessThan(100_000);
    const ratio = await refusal(bomb, 'bomb.docx');
    expect(ratio).toMatchObject({ code: 'too_large', message: expect.stringMatching(/compressed \d+:1, more than the 200:1 limit/) });

    const big = Buffer.from(zipSync({ 'word/document.xml': new Uint8Array(1000) }));
    big.writeUInt32LE(100 * 1024 * 1024, big.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
    const declared = await refusal(big, 'big.docx');
    expect(declared).toMatchObject({ code: 'too_large', message: expect.stringMatching(/more than 64 MB, the limit/) });
  });

  it('refuses a zip bomb that lies about its size: output never exceeds what was declared', async () => {
    const bomb = Buffer.from(zipSync({ 'word/document.xml': new Uint8Array(8 * 1024 * 1024) }, { level: 6 }));
    bomb.writeUInt32LE(100, bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
    const error = await refusal(bomb, 'liar.docx');
    expect(['corrupt', 'empty']).toContain(error.code);
  });

  it('names a damaged file, a password-protected file and an empty file', async () => {
    expect((await refusal(docx.subarray(0, 3000), 'cut.docx')).code).toBe('corrupt');
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1024);
    const encrypted = await refusal(ole, 'secret.docx');
    expect(encrypted.code).toBe('encrypted');
    expect(encrypted.message).toMatch(/password/);
    expect((await refusal(new Uint8Array(0), 'empty.docx')).code).toBe('empty');
  });

  it('sends an unreadable .doc back with what to save it as', async () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    const error = await refusal(ole, 'old.wps');
    expect(error.code).toBe('unsupported');
    expect(error.message).toMatch(/另存为 \.docx/);
  });
});

describe('.xlsx', () => {
  it('reads each sheet as a table with merged ranges expanded, a merged title row as a paragraph', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('分工表');
    ws.addRow(['某某市2025年重点任务分工表']);
    ws.mergeCells('A1:E1');
    ws.addRow(['序号', '重点领域', '重点任务', '牵头单位', '完成时限']);
    ws.addRow([1, '数字经济', '建设算力中心', '市发展改革委\n市工信局', '2025年底前']);
    ws.addRow([2, null, '培育数据要素市场', null, '持续推进']);
    ws.mergeCells('B3:B4');
    ws.mergeCells('D3:D4');
    const { format, document } = await readPlanDocument(Buffer.from(await wb.xlsx.writeBuffer()), { fileName: 'x.bin' });
    expect(format).toBe('xlsx');
    expect(document.blocks).toEqual([
      { kind: 'paragraph', text: '某某市2025年重点任务分工表' },
      {
        kind: 'table',
        rows: [
          ['序号', '重点领域', '重点任务', '牵头单位', '完成时限'],
          ['1', '数字经济', '建设算力中心', '市发展改革委\n市工信局', '2025年底前'],
          ['2', '数字经济', '培育数据要素市场', '市发展改革委\n市工信局', '持续推进'],
        ],
      },
    ]);
  });
});

describe('.html', () => {
  it('reads a saved gov.cn page: the article only, tables with rowspan/colspan, GBK decoded', async () => {
    const page = fixture('gov-article.html');
    const gbk = iconv.encode(page.toString('utf8').replace('charset=utf-8', 'charset=gbk'), 'gbk');
    for (const bytes of [page, gbk]) {
      const { format, document } = await readPlanDocument(bytes, { fileName: 'page.htm' });
      expect(format).toBe('html');
      const all = JSON.stringify(document);
      expect(all).not.toMatch(/首页|当前位置|分享到|网站地图|版权所有|var _hmt/);
      expect(document.blocks[0]).toMatchObject({ text: '某某省人民政府办公厅关于印发某某行动方案的通知' });
      expect(document.blocks).toContainEqual({ kind: 'paragraph', text: '一、重点任务' });
      expect(document.blocks).toContainEqual({ kind: 'paragraph', text: '第一行' });
      expect(document.blocks).toContainEqual({ kind: 'paragraph', text: '第二行' });
      expect(document.blocks.find((b) => b.kind === 'table')).toEqual({
        kind: 'table',
        rows: [
          ['序号', '重点任务', '牵头单位', '完成时限'],
          ['1', '建设政务云', '省大数据局', '2025年底前'],
          ['2', '建设共享平台', '省大数据局', '长期坚持'],
          ['保障', '保障', '保障', '保障'],
        ],
      });
    }
  });
});

describe('.txt and unknown bytes', () => {
  it('reads text in GB18030 and refuses binary files as an unsupported format', async () => {
    const { format, document } = await readPlanDocument(iconv.encode('一、总体要求\n（一）指导思想', 'gb18030'), { fileName: 'a.txt' });
    expect(format).toBe('txt');
    expect(document.blocks).toEqual([
      { kind: 'paragraph', text: '一、总体要求' },
      { kind: 'paragraph', text: '（一）指导思想' },
    ]);
    expect((await refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), 'x.png')).code).toBe('unsupported');
  });

  it('refuses a file over the caller’s limit, naming the limit', async () => {
    const error = await readPlanDocument(Buffer.alloc(5 * 1024 * 1024, 0x41), { maxBytes: 4 * 1024 * 1024 }).catch((e: PlanReadError) => e);
    expect(error).toMatchObject({ code: 'too_large', message: expect.stringMatching(/limit is 4 MB/) });
  });
});
