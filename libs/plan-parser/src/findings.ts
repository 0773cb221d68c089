/**
 * What a coordinator should look at before a plan is dispatched. Pure: the parts computable from
 * the parse alone (`planFindings`), and the directory check given a lookup the caller supplies
 * (`departmentFindings`), so the API, the CLI and tests share one set of rules and messages.
 */
import { canonicalDepartment, normalizeDepartmentName } from './departments';
import type { ParsedPlan, ParsedTask } from './types';

export type FindingCode = 'no_lead' | 'unknown_department' | 'unread_clause' | 'no_deadline' | 'deadline_before_issue' | 'duplicate_text';

export interface Finding {
  /** Index of the task in the plan's task list (document order, from 0). */
  taskIndex: number;
  code: FindingCode;
  /** For the coordinator, in Chinese. */
  message: string;
  /** The task field the finding is about. */
  field: 'lead' | 'co' | 'text' | 'deadline';
  value?: string;
  suggestion?: string;
}

/** A parsed task; readers that could not read a clause of the item list it in `unread`. */
export type ReviewedTask = Pick<ParsedTask, 'title' | 'text' | 'lead' | 'co' | 'deadline'> & { unread?: readonly string[] };

export interface ReviewedPlan {
  plan: Pick<ParsedPlan['plan'], 'issuedOn'>;
  tasks: readonly ReviewedTask[];
}

const squash = (s: string) => s.replace(/[\s，。；、,.;]+/g, '');

/** Findings that need nothing but the parse, in task order. */
export function planFindings(parsed: ReviewedPlan): Finding[] {
  const findings: Finding[] = [];
  const firstWithText = new Map<string, number>();
  const issuedOn = parsed.plan.issuedOn;
  parsed.tasks.forEach((task, taskIndex) => {
    if (!task.lead.length) {
      findings.push({ taskIndex, code: 'no_lead', field: 'lead', message: task.co.length ? '未识别出牵头单位（只有责任或配合单位），请指定牵头单位' : '未识别出牵头单位，请指定牵头单位' });
    }
    for (const clause of task.unread ?? []) {
      findings.push({ taskIndex, code: 'unread_clause', field: 'text', value: clause, message: `有一处未能完全识别的内容：“${clause}”，请核对牵头、责任单位和时限` });
    }
    if (!task.deadline) {
      findings.push({ taskIndex, code: 'no_deadline', field: 'deadline', message: '未识别出完成时限' });
    } else if (issuedOn && task.deadline < issuedOn) {
      findings.push({ taskIndex, code: 'deadline_before_issue', field: 'deadline', value: task.deadline, message: `完成时限 ${task.deadline} 早于印发日期 ${issuedOn}` });
    }
    const key = squash(task.text);
    const first = firstWithText.get(key);
    if (key && first !== undefined) {
      findings.push({ taskIndex, code: 'duplicate_text', field: 'text', value: String(first), message: `与第 ${first + 1} 项任务内容重复，可删除或合并` });
    } else if (key) {
      firstWithText.set(key, taskIndex);
    }
  });
  return findings;
}

export interface DepartmentLookup {
  /** True when the jurisdiction's directory already knows the name (as written, canonical or an alias). */
  isKnown(name: string): boolean;
  /** The directory's names, for suggesting the closest one. */
  names: readonly string[];
}

/** One finding per task and name the directory does not know yet, with the closest known name when one is close. */
export function departmentFindings(tasks: readonly ReviewedTask[], directory: DepartmentLookup): Finding[] {
  const findings: Finding[] = [];
  const suggestions = new Map<string, string | null>();
  tasks.forEach((task, taskIndex) => {
    for (const field of ['lead', 'co'] as const) {
      for (const name of task[field]) {
        if (directory.isKnown(name)) continue;
        if (!suggestions.has(name)) suggestions.set(name, closestName(name, directory.names));
        const suggestion = suggestions.get(name);
        findings.push({
          taskIndex,
          code: 'unknown_department',
          field,
          value: name,
          ...(suggestion ? { suggestion } : {}),
          message: suggestion ? `“${name}”不在本地区单位名录中，是否为“${suggestion}”？` : `“${name}”不在本地区单位名录中，将作为新单位建立`,
        });
      }
    }
  });
  return findings;
}

/**
 * The known name closest to `name` when it is plausibly the same body: one contains the other
 * (省科技厅 / 青海省科技厅), or their comparison keys are a few edits apart (a typo). Null otherwise.
 */
export function closestName(name: string, known: readonly string[]): string | null {
  const key = comparisonKey(name);
  if (!key) return null;
  const standard = STANDARD_CORES.some((core) => key.includes(core));
  let best: { name: string; score: number } | null = null;
  for (const candidate of known) {
    const other = comparisonKey(candidate);
    if (!other || other === key) continue;
    const contained = other.length >= 3 && key.length >= 3 && (other.includes(key) || key.includes(other));
    // 省民政厅 is one character from 省财政厅 and still a department of its own: no typo guess for a standard name
    const distance = standard ? Infinity : editDistance(key, other);
    const allowed = Math.max(1, Math.floor(Math.min(key.length, other.length) / 4));
    const score = contained ? Math.abs(other.length - key.length) * 0.5 : distance <= allowed ? distance : Infinity;
    if (score < (best?.score ?? Infinity)) best = { name: candidate, score };
  }
  return best?.name ?? null;
}

/** What the standing bodies of a provincial government are called, less level and suffix: a name containing one is no typo. */
const STANDARD_CORES = (
  '发展和改革 经济和信息化 工业和信息化 教育 科学技术 科技 民族 宗教 公安 国家安全 民政 司法 财政 人力资源和社会保障 国土资源 自然资源 ' +
  '环境保护 生态环境 住房和城乡建设 交通运输 水利 农业 农牧 农业农村 林业 商务 文化 旅游 卫生 计划生育 审计 外事 国有资产 ' +
  '地方税务 国家税务 税务 工商 质量技术监督 市场监督 统计 安全生产 食品药品 新闻出版 广播电视 广电 体育 扶贫 粮食 物价 ' +
  '测绘 通信管理 气象 海关 检验检疫 金融 知识产权 档案 机关事务 法制 侨务 信访 人民银行 银监 证监 保监 网信 宣传 组织 编制 口岸 无线电 邮政 铁路 民航'
).split(' ');

function comparisonKey(name: string): string {
  return normalizeDepartmentName(canonicalDepartment(name));
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Infinity;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}
