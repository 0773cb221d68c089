import { DomainError } from '@duban/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+$/;

/** Ids are checked before they reach PostgreSQL, where a malformed uuid would be a 500, not a 404. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Trimmed and deduplicated; the worker and the CLI get the same check as HTTP. */
export function emailList(field: string, values: string[] | undefined): string[] {
  const cleaned = [...new Set((values ?? []).map((v) => v.trim()))];
  const bad = cleaned.filter((v) => !EMAIL.test(v));
  if (bad.length) throw DomainError.invalid('not email addresses', bad.map((v) => ({ field, message: `${v} is not an email address` })));
  return cleaned;
}
