/** Orderings the API does not offer, applied to a page the API returned. */
export interface SortableTask {
  id: string;
  title: string;
  deadline: string | null;
  status: string;
  overdue: boolean;
  daysOverdue: number;
  escalationLevel: string | null;
  lead: Array<{ id: string }>;
}

const LEVEL_RANK: Record<string, number> = { red: 3, orange: 2, yellow: 1 };
export const levelRank = (level: string | null | undefined): number => (level ? (LEVEL_RANK[level] ?? 0) : 0);

/** A clerk's list: tasks their department leads first, then the overdue (most overdue first), then by deadline. */
export function sortMyTasks<T extends SortableTask>(tasks: T[], departmentId: string | null): T[] {
  const leads = (t: T) => (departmentId && t.lead.some((d) => d.id === departmentId) ? 1 : 0);
  const open = (t: T) => (t.status === 'completed' ? 0 : 1);
  return [...tasks].sort(
    (a, b) =>
      leads(b) - leads(a) ||
      open(b) - open(a) ||
      Number(b.overdue) - Number(a.overdue) ||
      b.daysOverdue - a.daysOverdue ||
      (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') ||
      a.title.localeCompare(b.title, 'zh-CN'),
  );
}

export type SortOrder = 'ascending' | 'descending' | null;

/** One column sort for the overdue review, kept in the URL as `sort=daysOverdue&order=descending`. */
export function sortRows<T extends SortableTask>(rows: T[], prop: string | undefined, order: SortOrder): T[] {
  if (!prop || !order) return rows;
  const dir = order === 'ascending' ? 1 : -1;
  const key = (t: T): number | string => {
    if (prop === 'escalationLevel') return levelRank(t.escalationLevel);
    if (prop === 'daysOverdue') return t.daysOverdue;
    if (prop === 'deadline') return t.deadline ?? '9999-12-31';
    if (prop === 'lead') return (t.lead[0] as { name?: string } | undefined)?.name ?? '';
    return String((t as unknown as Record<string, unknown>)[prop] ?? '');
  };
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
    return c * dir || b.daysOverdue - a.daysOverdue;
  });
}

/** Counts per escalation level (plus `none` for overdue tasks not yet on the ladder). */
export function countByLevel(rows: Array<{ escalationLevel: string | null }>): Record<string, number> {
  const out: Record<string, number> = { yellow: 0, orange: 0, red: 0, none: 0 };
  for (const r of rows) out[r.escalationLevel && r.escalationLevel in out ? r.escalationLevel : 'none']++;
  return out;
}

export interface Score {
  id: string;
  name: string;
  completed: number;
  completedOnTime: number;
  overdue: number;
  noReportIn30Days: number;
  lastReportAt: string | null;
}

/** 按期完成率: completed on time over everything that is done or should be (completed + overdue). */
export function onTimeRate(s: Score): number | null {
  const due = s.completed + s.overdue;
  return due ? Math.round((s.completedOnTime / due) * 1000) / 10 : null;
}

/** The worst departments first: most overdue, then the lowest on-time rate. */
export function worstDepartments(scores: Score[], limit = 15): Score[] {
  return [...scores]
    .filter((s) => onTimeRate(s) !== null)
    .sort((a, b) => b.overdue - a.overdue || (onTimeRate(a) ?? 0) - (onTimeRate(b) ?? 0) || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, limit);
}
