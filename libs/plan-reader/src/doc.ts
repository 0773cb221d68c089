/**
 * Word 97–2003 (.doc) and WPS (.wps) files, which share the OLE compound-file container: the body
 * text through word-extractor (headers, footers, footnotes and comments are separate streams it
 * leaves out). Tables come out as tab-separated text, so a 分工表 in a .doc is best saved as .docx.
 * An OOXML file saved with a password is an OLE file too, holding an EncryptedPackage stream.
 */
import WordExtractor from 'word-extractor';
import { documentFromText, type PlanDocument } from '@duban/plan-parser';
import { PlanReadError } from './errors';

export function isOle(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((b, i) => bytes[i] === b);
}

export function isEncryptedOoxml(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from('EncryptedPackage', 'utf16le'));
}

export async function readDoc(bytes: Uint8Array, hint: string | null): Promise<PlanDocument> {
  const name = hint === 'wps' ? 'WPS (.wps)' : 'Word 97–2003 (.doc)';
  if (isEncryptedOoxml(bytes)) {
    throw new PlanReadError('encrypted', '文件受密码保护 / the document is password-protected; remove the password (另存为不加密的 .docx) and upload it again', 'docx');
  }
  let text: string;
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    // keep “ ” and other typographic characters as written (the default folds them to ASCII)
    text = doc.getBody({ filterUnicode: false });
  } catch (e) {
    throw new PlanReadError('unsupported', `无法读取 ${name} 文件 / this ${name} file cannot be read (${e instanceof Error ? e.message : String(e)}); open it in Word or WPS and 另存为 .docx`, hint ?? 'doc');
  }
  // cells end with \x07 and rows with \x07 too in the Word binary format; tabs separate cells
  const clean = text.replace(/\r\n?/g, '\n').replace(/\x07/g, '\t').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');
  if (clean.trim() === '') throw new PlanReadError('empty', `文件没有文字 / the ${name} file holds no text`, hint ?? 'doc');
  return documentFromText(clean);
}
