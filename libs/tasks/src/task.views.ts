import type { AssignmentRole } from '@duban/persistence';

import type { DepartmentRef } from '@duban/plans';

import type { Page } from '@duban/http';

export type { Page };
export type { DepartmentRef };

export interface TaskItem {
  id: string;
  planId: string;
  planTitle: string;
  keyAreaId: string;
  section: string;
  position: number;
  title: string;
  kind: string;
  deadline: string | null;
  status: string;
  lead: DepartmentRef[];
  co: DepartmentRef[];
  overdue: boolean;
  daysOverdue: number;
  escalationLevel: string | null;
  lastProgressAt: string | null;
  completedAt: string | null;
  version: number;
}

/** A page of tasks; `nextCursor` continues the listing after its last row (keyset), null on the last page. */
export interface TaskPage extends Page<TaskItem> {
  nextCursor: string | null;
}

export interface ProgressView {
  id: string;
  taskId: string;
  department: DepartmentRef;
  role: AssignmentRole | null;
  percent: number;
  summary: string;
  nextSteps: string | null;
  evidenceUrls: string[];
  author: { id: string; email: string } | null;
  createdAt: string;
}

export interface ExtensionView {
  id: string;
  taskId: string;
  department: DepartmentRef;
  reason: string;
  currentDeadline: string;
  requestedDeadline: string;
  status: string;
  requestedAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
}

export interface TaskDetail extends Omit<TaskItem, 'lead' | 'co'> {
  text: string;
  jurisdiction: { id: string; name: string };
  /** Each department with its own latest report: the lead's and each co department's part. */
  lead: Array<DepartmentRef & { latestProgress: ProgressView | null }>;
  co: Array<DepartmentRef & { latestProgress: ProgressView | null }>;
  allowedActions: string[];
  pendingExtension: ExtensionView | null;
  extensions: ExtensionView[];
}

export const iso = (value: Date | string | null | undefined): string | null => (value == null ? null : new Date(value).toISOString());
