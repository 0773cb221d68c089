/**
 * Department names. The parse result keeps names as written; these helpers give callers a
 * comparison key and a way to map abbreviations (省经信委) to the registered full name through a
 * per-jurisdiction alias table they supply.
 */

/** Alias table: any spelling → the canonical name. Keys are compared by normalized key. */
export type DepartmentAliases = Readonly<Record<string, string>>;

/**
 * A comparison key: NFKC (full-width → half-width), no whitespace, every bracket style as `()`,
 * no quotation marks and no trailing 等. Two spellings of one name get the same key:
 * `各市（州）政府` and `各市(州) 政府` → `各市(州)政府`.
 */
export function normalizeDepartmentName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[〔【\[［｛{]/g, '(')
    .replace(/[〕】\]］｝}]/g, ')')
    .replace(/[“”„‟"「」『』'‘’]/g, '')
    .replace(/等$/, '');
}

/**
 * Common short forms used across provincial documents (after the level prefix 省/市/区/县…).
 * Only unambiguous abbreviations of standing bodies are listed.
 */
export const COMMON_DEPARTMENT_ABBREVIATIONS: Readonly<Record<string, string>> = {
  发展改革委: '发展和改革委员会',
  发改委: '发展和改革委员会',
  经信委: '经济和信息化委员会',
  经济和信息化委: '经济和信息化委员会',
  工信厅: '工业和信息化厅',
  工信局: '工业和信息化局',
  科技委: '科学技术委员会',
  人力资源社会保障厅: '人力资源和社会保障厅',
  人力资源社会保障局: '人力资源和社会保障局',
  人社厅: '人力资源和社会保障厅',
  人社局: '人力资源和社会保障局',
  住房城乡建设厅: '住房和城乡建设厅',
  住房城乡建设局: '住房和城乡建设局',
  住建厅: '住房和城乡建设厅',
  住建局: '住房和城乡建设局',
  卫生计生委: '卫生和计划生育委员会',
  卫生健康委: '卫生健康委员会',
  卫健委: '卫生健康委员会',
  食品药品监管局: '食品药品监督管理局',
  市场监管局: '市场监督管理局',
  地方金融监管局: '地方金融监督管理局',
  质监局: '质量技术监督局',
  环保厅: '环境保护厅',
  环保局: '环境保护局',
  国资委: '国有资产监督管理委员会',
  金融办: '金融工作办公室',
  口岸办: '口岸管理办公室',
  编办: '机构编制委员会办公室',
  网信办: '网络安全和信息化委员会办公室',
};

const LEVEL_PREFIX_RE = /^(省委|市委|区委|县委|省|市|自治区|区|县|州)?(.+)$/;

/** `省发展改革委` → `省发展和改革委员会`; null when the name is not a known short form. */
export function expandDepartmentAbbreviation(name: string): string | null {
  const key = normalizeDepartmentName(name);
  const m = LEVEL_PREFIX_RE.exec(key);
  if (!m) return null;
  const full = COMMON_DEPARTMENT_ABBREVIATIONS[m[2]];
  return full ? `${m[1] ?? ''}${full}` : null;
}

const aliasIndexCache = new WeakMap<object, Map<string, string>>();

function aliasIndex(aliases: DepartmentAliases): Map<string, string> {
  let index = aliasIndexCache.get(aliases);
  if (!index) {
    index = new Map();
    for (const [from, to] of Object.entries(aliases)) {
      index.set(normalizeDepartmentName(from), to);
      // A canonical name maps to itself, so spelling variants of it resolve as well.
      if (!index.has(normalizeDepartmentName(to))) index.set(normalizeDepartmentName(to), to);
    }
    aliasIndexCache.set(aliases, index);
  }
  return index;
}

export interface CanonicalOptions {
  /** Also expand COMMON_DEPARTMENT_ABBREVIATIONS when the alias table has no entry. Default true. */
  builtin?: boolean;
}

/**
 * The canonical name of a department: the caller's alias table first (per jurisdiction, e.g.
 * `{ 省经信委: '省经济和信息化委员会' }`), then the built-in short forms, else the name as written.
 */
export function canonicalDepartment(
  name: string,
  aliases: DepartmentAliases = {},
  options: CanonicalOptions = {},
): string {
  const trimmed = name.trim();
  const hit = aliasIndex(aliases).get(normalizeDepartmentName(trimmed));
  if (hit !== undefined) return hit;
  if (options.builtin ?? true) {
    const expanded = expandDepartmentAbbreviation(trimmed);
    if (expanded) return expanded;
  }
  return trimmed;
}
