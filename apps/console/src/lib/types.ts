export interface DepartmentRef {
  id: string;
  name: string;
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface TaskItem {
  id: string;
  planId: string;
  planTitle: string;
  section: string;
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
export interface ProgressView {
  id: string;
  department: DepartmentRef;
  role: 'lead' | 'co' | null;
  percent: number;
  summary: string;
  nextSteps: string | null;
  evidenceUrls: string[];
  author: { id: string; email: string } | null;
  createdAt: string;
}
export interface ExtensionView {
  id: string;
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
  lead: Array<DepartmentRef & { latestProgress: ProgressView | null }>;
  co: Array<DepartmentRef & { latestProgress: ProgressView | null }>;
  allowedActions: string[];
  pendingExtension: ExtensionView | null;
  extensions: ExtensionView[];
}
export interface TaskEvent {
  id: string;
  type: string;
  at: string;
  actor: { id: string; email: string } | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
}
export interface Department {
  id: string;
  name: string;
  jurisdiction: string;
  emails: string[];
  aliases?: string[];
}
export interface Plan {
  id: string;
  title: string;
  jurisdiction: string;
  taskCount: number;
  version: number;
  status?: string;
  /** Set on a version a later revision replaced (listed only with `includeSuperseded=true`). */
  supersededById?: string | null;
  createdAt: string;
}
export interface JointMeeting {
  id: string;
  name: string;
  jurisdiction: string;
  jurisdictionId?: string;
  recipients: string[];
}
export interface Finding {
  taskId: string;
  taskIndex: number;
  code: string;
  message: string;
  field: string;
  value?: unknown;
  suggestion?: unknown;
}
