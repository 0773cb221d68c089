import { DomainError } from '@duban/domain';
import type { ParsedPlan } from '@duban/plan-parser';

/** The parser's jurisdiction, else the issuer without its 人民政府 (陕西省人民政府 → 陕西省). */
export function jurisdictionOf(parsed: ParsedPlan): string {
  if (parsed.plan.jurisdiction) return parsed.plan.jurisdiction;
  const issuer = parsed.plan.issuer?.trim().split(/\s+/).at(-1)?.replace(/(人民政府|政府)(办公厅|办公室)?$/, '');
  if (issuer && /(省|市|自治区|特别行政区|州|盟|县|区)$/.test(issuer)) return issuer;
  throw DomainError.invalid('文件中没有找到所属的省或市（没有辖区，也没有发文的人民政府）', [
    { field: 'text', message: '文件中没有找到所属地区' },
  ]);
}
