import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { decodePlanBytes, PlanParseError } from '@duban/plan-parser';
import { DomainError } from '@duban/domain';
import type { Actor } from './access';
import type { ImportResult, PlanImportService } from './plan-import.service';

export type ImportFileOutcome = { file: string; result: ImportResult } | { file: string; error: string };

/**
 * Imports files one after another, each in its own transaction, so one bad file neither stops
 * nor undoes the others. `progress` hears about each file as it finishes.
 */
export async function importPlanFiles(
  importer: PlanImportService,
  files: string[],
  progress: (outcome: ImportFileOutcome, done: number, total: number) => void = () => undefined,
  actor: Actor = null,
): Promise<ImportFileOutcome[]> {
  const outcomes: ImportFileOutcome[] = [];
  for (const file of files) {
    let outcome: ImportFileOutcome;
    try {
      const text = decodePlanBytes(await readFile(file));
      outcome = { file, result: await importer.importText(text, { sourceName: basename(file), actor }) };
    } catch (error) {
      if (!(error instanceof DomainError || error instanceof PlanParseError || isFileError(error))) throw error;
      outcome = { file, error: error.message };
    }
    outcomes.push(outcome);
    progress(outcome, outcomes.length, files.length);
  }
  return outcomes;
}

function isFileError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && 'path' in error;
}
