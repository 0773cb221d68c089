import * as iconv from 'iconv-lite';
import { decodePlanBytes, MAX_PLAN_BYTES } from './decode';
import { PlanParseError } from './errors';

const SAMPLE = '一、重点任务\r\n（一）“互联网+”创业创新。\r\n1.发展众创空间。（省发展改革委、省科技厅等负责）\r\n';
const EXPECTED = SAMPLE.replace(/\r\n/g, '\n');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof PlanParseError) return e.code;
    throw e;
  }
  return undefined;
}

describe('decodePlanBytes', () => {
  it.each([
    ['UTF-8', Buffer.from(SAMPLE, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')])],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(SAMPLE, 'utf-16le')])],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(SAMPLE, 'utf-16be')])],
    ['GB18030', iconv.encode(SAMPLE, 'gb18030')],
    ['GBK', iconv.encode(SAMPLE, 'gbk')],
  ])('decodes %s and normalises CRLF', (_name, buf) => {
    expect(decodePlanBytes(buf)).toBe(EXPECTED);
  });

  it('decodes GB18030 characters outside GBK', () => {
    const text = '建设“𠀀”平台，推进㐀项目。';
    expect(decodePlanBytes(iconv.encode(text, 'gb18030'))).toBe(text);
  });

  it('normalises lone CR line ends and drops zero-width characters', () => {
    expect(decodePlanBytes(Buffer.from('第一行\r第二行\u200b\n', 'utf8'))).toBe('第一行\n第二行\n');
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'empty'],
    ['whitespace only', Buffer.from(' \r\n\t\u3000', 'utf8'), 'empty'],
    ['NUL bytes', Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]), 'binary'],
    ['control characters', Buffer.from('\u0001\u0002\u0003\u0004abc', 'latin1'), 'binary'],
    ['a UTF-8 BOM followed by invalid UTF-8', Buffer.from([0xef, 0xbb, 0xbf, 0xff, 0xfe, 0xfd]), 'encoding'],
    ['bytes that are neither UTF-8 nor readable GB18030', Buffer.from([0x81, 0x30, 0x81, 0x30, 0xfe, 0x39, 0xfe, 0x39, 0x84, 0x31, 0xa4, 0x39]), 'encoding'],
  ])('rejects %s', (_name, buf, code) => {
    expect(codeOf(() => decodePlanBytes(buf))).toBe(code);
  });

  it('rejects files over the size limit', () => {
    expect(codeOf(() => decodePlanBytes(Buffer.alloc(MAX_PLAN_BYTES + 1, 0x41)))).toBe('too_large');
  });
});
