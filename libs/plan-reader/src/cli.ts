/**
 * `plan:parse FILE`: read (any format the reader knows), parse, print one JSON document (2-space
 * indent). Exit code 0, or 1 with a single `plan:parse: <reason>` line on stderr; never a stack
 * trace.
 */
import { readFile, stat } from 'node:fs/promises';
import { MAX_PLAN_BYTES, PlanParseError, planFindings } from '@duban/plan-parser';
import { PlanReadError } from './errors';
import { runParseJob } from './job';
import { mb } from './limits';

export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

const USAGE = 'usage: npm run plan:parse -- FILE   (.txt, .docx, .doc, .wps, .pdf, .html, .xlsx)';

export async function runPlanParseCli(argv: readonly string[], io: CliIo = process): Promise<number> {
  const args = argv.filter((a) => a !== '--');
  if (args.length === 1 && (args[0] === '-h' || args[0] === '--help')) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.length !== 1 || args[0] === '') return fail(io, args.length === 0 ? `no file given (${USAGE})` : `expected one file (${USAGE})`);
  const file = args[0];
  try {
    const info = await stat(file);
    if (info.isDirectory()) return fail(io, `${file}: is a directory`);
    if (info.size > MAX_PLAN_BYTES) return fail(io, `${file}: 文件过大 / the file has ${mb(info.size)}, the limit is ${mb(MAX_PLAN_BYTES)}`);
    const { plan } = await runParseJob({ kind: 'file', bytes: await readFile(file), fileName: file, maxBytes: MAX_PLAN_BYTES });
    // the review findings ride beside the contract's fields (the contract allows extra fields)
    io.stdout.write(`${JSON.stringify({ ...plan, findings: planFindings(plan) }, null, 2)}\n`);
    return 0;
  } catch (e) {
    return fail(io, `${file}: ${reason(e)}`);
  }
}

function fail(io: CliIo, message: string): number {
  io.stderr.write(`plan:parse: ${message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
  return 1;
}

function reason(e: unknown): string {
  if (e instanceof PlanParseError || e instanceof PlanReadError) return e.message;
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(e);
}
