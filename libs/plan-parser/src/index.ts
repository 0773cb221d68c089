export type { ParsedPlan, ParsedTask, PlanHeader, TaskKind } from './types';
export { PlanParseError, isPlanParseError } from './errors';
export type { PlanParseErrorCode } from './errors';
export { parsePlan, parseDocument, MAX_TEXT_LENGTH } from './parse';
export { documentFromText, documentLines } from './document';
export { headerRoles } from './table';
export type { Block, PlanDocument, TableRow } from './document';
export { decodePlanBytes, MAX_PLAN_BYTES } from './decode';
export {
  canonicalDepartment,
  normalizeDepartmentName,
  expandDepartmentAbbreviation,
  COMMON_DEPARTMENT_ABBREVIATIONS,
} from './departments';
export type { DepartmentAliases, CanonicalOptions } from './departments';
export { closestName, departmentFindings, planFindings } from './findings';
export type { DepartmentLookup, Finding, FindingCode, ReviewedPlan, ReviewedTask } from './findings';
