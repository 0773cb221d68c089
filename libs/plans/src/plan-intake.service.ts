import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { DomainError, type DomainErrorCode } from '@duban/domain';
import { planParseDuration } from '@duban/observability';
import { PlanParseError } from '@duban/plan-parser';
import { type ParseJob, type PlanFormat, PlanParsePool, PlanReadError, type PlanReadErrorCode } from '@duban/plan-reader';
import { type ImportOptions, type ImportResult, MAX_IMPORT_BYTES, PlanImportService } from './plan-import.service';

export interface IntakeResult extends ImportResult {
  format: PlanFormat;
}

const READ_CODES: Record<PlanReadErrorCode, DomainErrorCode> = {
  empty: 'unprocessable',
  too_large: 'too_large',
  unsupported: 'unsupported',
  encrypted: 'unprocessable',
  corrupt: 'unprocessable',
  scanned: 'unprocessable',
  timeout: 'unprocessable',
  busy: 'unavailable',
};

/**
 * The front door for plan documents, from the API and the CLI alike: a file (any format the
 * reader knows) or a text is read and parsed in a worker thread with a time and memory limit
 * (never on the caller's event loop), then stored by PlanImportService. Reader and parser errors
 * become domain errors naming the field: `file` (413/415/422) or `text` (400, as before).
 */
@Injectable()
export class PlanIntakeService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pool: PlanParsePool;

  constructor(
    private readonly importer: PlanImportService,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'planParseWorkers' | 'planParseTimeoutMs' | 'planParseWarm'>,
  ) {
    this.pool = new PlanParsePool({ size: config.planParseWorkers, timeoutMs: config.planParseTimeoutMs });
  }

  async importFile(bytes: Uint8Array, fileName: string | null, options: ImportOptions = {}): Promise<IntakeResult> {
    if (bytes.length > MAX_IMPORT_BYTES) throw fileTooLarge(bytes.length);
    return this.run({ kind: 'file', bytes, fileName, maxBytes: MAX_IMPORT_BYTES }, 'file', { sourceName: fileName, ...options });
  }

  async importText(text: string, options: ImportOptions = {}): Promise<IntakeResult> {
    if (Buffer.byteLength(text) > MAX_IMPORT_BYTES) {
      const message = `a plan document may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`;
      throw new DomainError('invalid', message, { reason: 'too_large', errors: [{ field: 'text', message }] });
    }
    // a text posted again is recognised by its checksum without a trip through the parse worker
    const known = await this.importer.known(text, options.actor);
    if (known) return { ...known, format: 'txt' };
    return this.run({ kind: 'text', text }, 'text', options);
  }

  /** A worker ready for the first upload (`planParseWarm`). */
  onApplicationBootstrap(): void {
    if (this.config.planParseWarm) this.pool.warm();
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.close();
  }

  private async run(job: ParseJob, field: 'file' | 'text', options: ImportOptions): Promise<IntakeResult> {
    let outcome;
    const end = planParseDuration.startTimer();
    try {
      outcome = await this.pool.run(job);
      end({ outcome: 'ok' });
    } catch (error) {
      end({ outcome: error instanceof PlanReadError || error instanceof PlanParseError ? 'rejected' : 'error' });
      throw toDomainError(error, field);
    }
    const result = await this.importer.importParsed(outcome.sourceText, outcome.plan, options);
    return { ...result, format: outcome.format };
  }
}

/** The upload limit, in the words the API and CLI use for it. */
export function fileTooLarge(size?: number): DomainError {
  const message = `文件过大 / ${size ? `the file has ${(size / 1024 / 1024).toFixed(1)} MB; ` : ''}a plan file may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`;
  return new DomainError('too_large', message, { reason: 'too_large', limitBytes: MAX_IMPORT_BYTES, errors: [{ field: 'file', message }] });
}

function toDomainError(error: unknown, field: 'file' | 'text'): unknown {
  if (error instanceof PlanReadError) {
    return new DomainError(READ_CODES[error.code], error.message, { reason: error.code, ...(error.format ? { format: error.format } : {}), errors: [{ field, message: error.message }] });
  }
  if (error instanceof PlanParseError) {
    // a text that is not a plan stays a 400 on `text`, as before; a file that holds none is a 422
    const code: DomainErrorCode = field === 'text' ? 'invalid' : error.code === 'too_large' ? 'too_large' : 'unprocessable';
    return new DomainError(code, error.message, { reason: error.code, errors: [{ field, message: error.message }] });
  }
  return error;
}
