import { canonicalDepartment, normalizeDepartmentName } from '@duban/plan-parser';

/**
 * 各有关部门, 各市(州)政府, 省有关单位, 省内各高校: a holder standing for many bodies, which a
 * coordinator must resolve to real departments before anyone can be chased.
 */
export function isCollectiveHolder(name: string): boolean {
  return /各|有关|相关/.test(normalizeDepartmentName(name));
}

/**
 * The keys a written name is looked up by, as written first, then with the built-in short forms
 * expanded (省发展改革委 → 省发展和改革委员会); the last is the key a new department is stored under,
 * so a later plan that spells the name out finds the same department.
 */
export function departmentKeys(name: string): string[] {
  const written = normalizeDepartmentName(name);
  const canonical = normalizeDepartmentName(canonicalDepartment(name));
  return written === canonical ? [written] : [written, canonical];
}
