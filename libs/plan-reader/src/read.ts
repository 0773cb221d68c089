/**
 * File bytes → PlanDocument. The format comes from the content (magic bytes, the parts inside a
 * zip, the first markup of a page); the file name is only a hint, used to name a format in
 * messages and to tell .wps from .doc.
 */
import { decodePlanBytes, documentFromText, PlanParseError, type PlanDocument } from '@duban/plan-parser';
import { isEncryptedOoxml, isOle, readDoc } from './doc';
import { readDocx } from './docx';
import { PlanReadError } from './errors';
import { readHtml } from './html';
import { mb } from './limits';
import { readPdf } from './pdf';
import { readXlsx } from './xlsx';
import { isZip, zipEntryNames } from './zip';

export type PlanFormat = 'txt' | 'docx' | 'doc' | 'pdf' | 'html' | 'xlsx';

export interface ReadOptions {
  fileName?: string | null;
  /** bytes; the caller's upload limit */
  maxBytes?: number;
}

export interface ReadResult {
  format: PlanFormat;
  document: PlanDocument;
}

export function detectFormat(bytes: Uint8Array, fileName?: string | null): PlanFormat {
  if (bytes.length === 0) throw new PlanReadError('empty', '文件为空 / the file is empty');
  const ext = extensionOf(fileName);
  if (isZip(bytes)) {
    const names = zipEntryNames(bytes, 'zip');
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    if (names.includes('content.xml') || names.some((n) => n.startsWith('ppt/'))) {
      throw new PlanReadError('unsupported', `不支持的格式 / ${ext ? `.${ext}` : 'this'} file (OpenDocument or PowerPoint) cannot be read; save it as .docx (另存为 .docx)`, ext);
    }
    throw new PlanReadError('unsupported', '不支持的格式 / a zip archive is not a plan document; upload the .docx, .pdf, .html, .xlsx or .txt file itself', 'zip');
  }
  if (isOle(bytes)) {
    if (isEncryptedOoxml(bytes)) {
      throw new PlanReadError('encrypted', '文件受密码保护 / the document is password-protected; remove the password (另存为不加密的 .docx) and upload it again', ext);
    }
    if (ext === 'xls' || ext === 'et' || ext === 'ppt') {
      throw new PlanReadError('unsupported', `不支持的格式 / .${ext} files cannot be read; save it as ${ext === 'ppt' ? '.pdf' : '.xlsx'} (另存为 ${ext === 'ppt' ? '.pdf' : '.xlsx'})`, ext);
    }
    return 'doc';
  }
  if (startsWith(bytes, '%PDF')) return 'pdf';
  // a PDF may have bytes before its header; readers look within the first kilobyte
  if (Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, '{\\rtf')) {
    throw new PlanReadError('unsupported', '不支持的格式 / RTF files cannot be read; save it as .docx (另存为 .docx)', 'rtf');
  }
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 2048)).toString('latin1').replace(/\x00/g, '').toLowerCase();
  if (/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|table|div|p)[\s>]/.test(head.replace(/^\ufeff|^ï»¿/, ''))) return 'html';
  if (ext === 'htm' || ext === 'html' || ext === 'shtml') return /<(html|body|table|p|div)[\s>]/.test(head) ? 'html' : 'txt';
  return 'txt';
}

export async function readPlanDocument(bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  if (options.maxBytes !== undefined && bytes.length > options.maxBytes) {
    throw new PlanReadError('too_large', `文件过大 / the file has ${mb(bytes.length)}, the limit is ${mb(options.maxBytes)}`);
  }
  const format = detectFormat(bytes, options.fileName);
  const document = await readAs(format, bytes, extensionOf(options.fileName));
  if (!document.blocks.some((b) => (b.kind === 'table' ? b.rows.length > 0 : b.text.trim() !== ''))) {
    throw new PlanReadError('empty', `文件没有文字 / the ${format} file holds no text`, format);
  }
  return { format, document };
}

async function readAs(format: PlanFormat, bytes: Uint8Array, ext: string | null): Promise<PlanDocument> {
  switch (format) {
    case 'docx':
      return readDocx(bytes);
    case 'xlsx':
      return readXlsx(bytes);
    case 'doc':
      return readDoc(bytes, ext);
    case 'pdf':
      return readPdf(bytes);
    case 'html':
      return readHtml(bytes);
    case 'txt':
      return documentFromText(decodeText(bytes));
  }
}

function decodeText(bytes: Uint8Array): string {
  try {
    return decodePlanBytes(bytes);
  } catch (e) {
    if (!(e instanceof PlanParseError)) throw e;
    if (e.code === 'binary') throw new PlanReadError('unsupported', '不支持的格式 / the file is neither text nor a .docx, .doc, .pdf, .html or .xlsx document', 'binary');
    if (e.code === 'too_large') throw new PlanReadError('too_large', e.message, 'txt');
    if (e.code === 'empty') throw new PlanReadError('empty', e.message, 'txt');
    throw new PlanReadError('unsupported', e.message, 'txt');
  }
}

function extensionOf(fileName: string | null | undefined): string | null {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(fileName ?? '');
  return m ? m[1].toLowerCase() : null;
}

function startsWith(bytes: Uint8Array, s: string): boolean {
  for (let i = 0; i < s.length; i++) if (bytes[i] !== s.charCodeAt(i)) return false;
  return true;
}
