import type { AuditRecord } from './audit-log.service';

export const CSV_HEADER = ['id', 'at', 'actorId', 'actorRole', 'actorEmail', 'jurisdictionId', 'action', 'targetType', 'targetId', 'details'] as const;

/** RFC 4180 quoting; a leading =+-@ is defused so a spreadsheet never runs a cell as a formula. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(record: AuditRecord): string {
  return CSV_HEADER.map((key) => csvCell(record[key])).join(',') + '\r\n';
}
