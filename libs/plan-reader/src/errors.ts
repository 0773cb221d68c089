/**
 * Why a file could not be read as a plan document. `code` is stable for callers (the API maps
 * it to 413/415/422, the CLI prints the message); `message` is one line for people, in Chinese
 * with an English gloss like the parser's own errors.
 */
export type PlanReadErrorCode =
  | 'empty' // no bytes, or no text in the container
  | 'too_large' // the file, the inflated archive or the page count is above a limit
  | 'unsupported' // a format this reader cannot read (or an old binary format it should be saved from)
  | 'encrypted' // password-protected
  | 'corrupt' // the container is damaged
  | 'scanned' // a PDF without a text layer
  | 'timeout' // reading and parsing took longer than the limit
  | 'busy'; // too many documents are being read at once

/** HTTP status a caller should answer with; the reader itself knows nothing of HTTP. */
export const READ_ERROR_STATUS: Record<PlanReadErrorCode, 413 | 415 | 422 | 503> = {
  empty: 422,
  too_large: 413,
  unsupported: 415,
  encrypted: 422,
  corrupt: 422,
  scanned: 422,
  timeout: 422,
  busy: 503,
};

export class PlanReadError extends Error {
  constructor(
    readonly code: PlanReadErrorCode,
    message: string,
    readonly format: string | null = null,
  ) {
    super(message.replace(/\s*[\r\n]+\s*/g, ' ').trim());
    this.name = 'PlanReadError';
  }
}

export function isPlanReadError(e: unknown): e is PlanReadError {
  return e instanceof PlanReadError;
}
