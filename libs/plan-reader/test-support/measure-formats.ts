/**
 * For every plan in the given directories: tasks / without lead / without deadline from the .txt,
 * from a generated .docx (automatic numbering) and from the LibreOffice PDF of that .docx.
 * Usage: node test/support/ts-run.js libs/plan-reader/test-support/measure-formats.ts DIR...
 * (needs soffice for the PDF column).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ParsedPlan } from '@duban/plan-parser';
import { runParseJob } from '../src/job';
import { planDocx } from './plan-docx';

const tmp = mkdtempSync(join(tmpdir(), 'measure-'));
const stats = (p: ParsedPlan | string) => (typeof p === 'string' ? p : `${p.tasks.length}/${p.tasks.filter((t) => !t.lead.length).length}/${p.tasks.filter((t) => !t.deadline).length}`);

(async () => {
  console.log('document | txt | docx | pdf   (tasks/without lead/without deadline)');
  for (const dir of process.argv.slice(2)) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt') && n !== 'README.txt').sort()) {
      const name = basename(f, '.txt');
      const text = readFileSync(join(dir, f), 'utf8');
      const run = async (bytes: Uint8Array, fileName: string) => runParseJob({ kind: 'file', bytes, fileName }).then((r) => r.plan, (e: Error) => `ERR ${e.message.slice(0, 60)}`);
      const txt = await run(Buffer.from(text), f);
      const docxBytes = planDocx(text);
      const docx = await run(docxBytes, `${name}.docx`);
      writeFileSync(join(tmp, `${name}.docx`), docxBytes);
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', tmp, join(tmp, `${name}.docx`)], { stdio: 'ignore' });
      const pdf = await run(readFileSync(join(tmp, `${name}.pdf`)), `${name}.pdf`);
      const same = (p: ParsedPlan | string) => (typeof p !== 'string' && typeof txt !== 'string' && JSON.stringify(p.tasks.map((t) => [t.lead, t.co, t.deadline])) === JSON.stringify(txt.tasks.map((t) => [t.lead, t.co, t.deadline])) ? '' : ' ≠');
      console.log(`${name} | ${stats(txt)} | ${stats(docx)}${same(docx)} | ${stats(pdf)}${same(pdf)}`);
    }
  }
})();
