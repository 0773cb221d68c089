import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { DomainError } from '@duban/domain';
import type { Actor } from './access';
import type { ImportResult } from './plan-import.service';
import type { PlanIntakeService } from './plan-intake.service';

export type ImportFileOutcome = { file: string; result: ImportResult } | { file: string; error: string };

/**
 * Imports files (any format the reader knows) one after another, each in its own transaction, so one bad file neither stops
 * nor undoes the others. `progress` hears about each file as it finishes.
 */
export async function importPlanFiles(
  intake: PlanIntakeService,
  files: string[],
  progress: (outcome: ImportFileOutcome, done: number, total: number) => void = () => undefined,
  actor: Actor = null,
): Promise<ImportFileOutcome[]> {
  const outcomes: ImportFileOutcome[] = [];
  for (const file of files) {
    let outcome: ImportFileOutcome;
    try {
      outcome = { file, result: await intake.importFile(await readFile(file), basename(file), { actor }) };
    } catch (error) {
      if (!(error instanceof DomainError || isFileError(error))) throw error;
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
