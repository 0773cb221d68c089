/**
 * One read-and-parse job, as the worker thread runs it (and as the CLI runs it in-process):
 * bytes or text in, the parsed plan and the text to store as the plan's source out.
 */
import { documentFromText, documentLines, parseDocument, PlanParseError, type ParsedPlan } from '@duban/plan-parser';
import { PlanReadError, type PlanReadErrorCode } from './errors';
import { type PlanFormat, readPlanDocument } from './read';

export type ParseJob = { kind: 'file'; bytes: Uint8Array; fileName?: string | null; maxBytes?: number } | { kind: 'text'; text: string };

export interface ParseOutcome {
  format: PlanFormat;
  /** the document as text: what the import stores as the plan's source and hashes to spot a repeat */
  sourceText: string;
  plan: ParsedPlan;
}

export async function runParseJob(job: ParseJob): Promise<ParseOutcome> {
  if (job.kind === 'text') {
    const sourceText = normalizeSource(job.text);
    return { format: 'txt', sourceText, plan: parseDocument(documentFromText(sourceText)) };
  }
  const { format, document } = await readPlanDocument(job.bytes, { fileName: job.fileName, maxBytes: job.maxBytes });
  return { format, sourceText: normalizeSource(documentLines(document).join('\n')), plan: parseDocument(document) };
}

export function normalizeSource(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Errors cross the thread boundary as plain data and are rebuilt on the other side. */
export type WireError = { kind: 'read'; code: PlanReadErrorCode; message: string; format: string | null } | { kind: 'parse'; code: PlanParseError['code']; message: string } | { kind: 'internal'; message: string };

export function toWire(e: unknown): WireError {
  if (e instanceof PlanReadError) return { kind: 'read', code: e.code, message: e.message, format: e.format };
  if (e instanceof PlanParseError) return { kind: 'parse', code: e.code, message: e.message };
  return { kind: 'internal', message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}

export function fromWire(w: WireError): Error {
  if (w.kind === 'read') return new PlanReadError(w.code, w.message, w.format);
  if (w.kind === 'parse') return new PlanParseError(w.code, w.message);
  return new Error(`plan reader failed: ${w.message}`);
}
