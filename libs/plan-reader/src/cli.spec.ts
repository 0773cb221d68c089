import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as iconv from 'iconv-lite';
import { parsePlan, planFindings } from '@duban/plan-parser';
import { documentPath, readDocument } from '../../plan-parser/test-fixtures/fixtures';
import { runPlanParseCli } from './cli';

const withFindings = (text: string) => {
  const plan = parsePlan(text);
  return { ...plan, findings: planFindings(plan) };
};

function capture() {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
  };
  return { out, io };
}

const dir = mkdtempSync(join(tmpdir(), 'plan-parse-cli-'));

describe('runPlanParseCli', () => {
  it('prints exactly one JSON document with 2-space indent and exits 0', async () => {
    const { out, io } = capture();
    expect(await runPlanParseCli(['--', documentPath('shaanxi-2016')], io)).toBe(0);
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual(withFindings(readDocument('shaanxi-2016')));
    expect(out.stdout).toBe(`${JSON.stringify(JSON.parse(out.stdout), null, 2)}\n`);
  });

  it('reads GB18030 files', async () => {
    const file = join(dir, 'gb.txt');
    writeFileSync(file, iconv.encode(readDocument('qinghai-2017').replace(/\n/g, '\r\n'), 'gb18030'));
    const { out, io } = capture();
    expect(await runPlanParseCli([file], io)).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(withFindings(readDocument('qinghai-2017')));
  });

  const failures: Array<[string, () => string[]]> = [
    ['no argument', () => []],
    ['two arguments', () => ['a.txt', 'b.txt']],
    ['a missing file', () => [join(dir, 'missing.txt')]],
    ['a directory', () => [dir]],
    ['an empty file', () => [write('empty.txt', Buffer.alloc(0))]],
    ['a binary file', () => [write('bin.dat', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]))]],
    ['a file with no plan', () => [write('prose.txt', Buffer.from('这是一段普通文字，没有任何任务。'))]],
  ];

  it.each(failures)('fails with one stderr line for %s', async (_name, args) => {
    const { out, io } = capture();
    expect(await runPlanParseCli(args(), io)).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^plan:parse: [^\n]+\n$/);
    expect(out.stderr).not.toMatch(/\s+at\s/);
  });
});

function write(name: string, content: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}
