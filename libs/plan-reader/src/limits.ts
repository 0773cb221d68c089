/** Limits every reader enforces; the README lists them. */
export const READ_LIMITS = {
  /** total bytes an OOXML archive may inflate to */
  maxInflatedBytes: 64 * 1024 * 1024,
  /** one archive entry may not inflate to more than this many times its compressed size (above 1 MB) */
  maxCompressionRatio: 200,
  /** archive entries (a .docx has ~20, an .xlsx a few per sheet) */
  maxZipEntries: 5000,
  /** PDF pages; a plan with its annexes is rarely over 100 */
  maxPdfPages: 2000,
  /** spreadsheet cells read per sheet */
  maxSheetCells: 500_000,
} as const;

export function mb(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
