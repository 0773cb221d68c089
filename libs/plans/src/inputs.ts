import { DomainError } from '@duban/domain';

export { isUuid } from '@duban/domain';

const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+$/;

/** Trimmed and deduplicated; the worker and the CLI get the same check as HTTP. */
export function emailList(field: string, values: string[] | undefined): string[] {
  const cleaned = [...new Set((values ?? []).map((v) => v.trim()))];
  const bad = cleaned.filter((v) => !EMAIL.test(v));
  if (bad.length) throw DomainError.invalid('邮箱地址有误', bad.map((v) => ({ field, message: `${v} 不是有效的邮箱地址` })));
  return cleaned;
}
