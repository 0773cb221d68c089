import { DomainError } from '../errors';

/** `unassigned`: no real department leads it yet (plan import); assigning it makes it `assigned`. */
export const TASK_STATUSES = ['unassigned', 'assigned', 'accepted', 'in_progress', 'completion_requested', 'completed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  unassigned: '待分派',
  assigned: '已交办',
  accepted: '已签收',
  in_progress: '推进中',
  completion_requested: '申请办结',
  completed: '已销号',
};

/** 任务 a task, 项目 a project, 保障措施 a safeguard: how the plan's text names the item. */
export const TASK_KINDS = ['task', 'project', 'safeguard'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export type TaskAction = 'accept' | 'start' | 'request_completion' | 'approve_completion' | 'return';
/** A user of a lead department, or the jurisdiction's coordinator office (联席会议办公室). */
export type TaskActor = 'lead' | 'coordinator';

interface Rule {
  from: readonly TaskStatus[];
  to: TaskStatus;
  by: TaskActor;
  needsReason?: boolean;
}

const MACHINE: Record<TaskAction, Rule> = {
  accept: { from: ['assigned'], to: 'accepted', by: 'lead' }, // 签收
  start: { from: ['accepted'], to: 'in_progress', by: 'lead' }, // the first progress report
  request_completion: { from: ['in_progress'], to: 'completion_requested', by: 'lead' }, // 申请办结
  approve_completion: { from: ['completion_requested'], to: 'completed', by: 'coordinator' }, // 销号
  return: { from: ['completion_requested'], to: 'in_progress', by: 'coordinator', needsReason: true },
};

export const actorOf = (action: TaskAction): TaskActor => MACHINE[action].by;

const ACTION_LABELS: Record<TaskAction, string> = {
  accept: '签收',
  start: '开始推进',
  request_completion: '申请办结',
  approve_completion: '销号',
  return: '退回',
};

const statusLabel = (status: string): string => TASK_STATUS_LABELS[status as TaskStatus] ?? status;

export function allowedActions(status: string): TaskAction[] {
  return (Object.keys(MACHINE) as TaskAction[]).filter((a) => (MACHINE[a].from as readonly string[]).includes(status));
}

/** The status after `action`, or a conflict that names the current status and what is possible from it. */
export function transition(status: string, action: TaskAction, reason?: string | null): TaskStatus {
  const rule = MACHINE[action];
  if (!(rule.from as readonly string[]).includes(status)) {
    throw DomainError.conflict(`任务当前为「${statusLabel(status)}」，不能${ACTION_LABELS[action]}`, { currentStatus: status, allowedActions: allowedActions(status) });
  }
  if (rule.needsReason && !reason?.trim()) {
    throw DomainError.invalid(`${ACTION_LABELS[action]}须填写理由`, [{ field: 'reason', message: '不能为空' }]);
  }
  return rule.to;
}

/** `doing` in Chinese, as the refusal says it: 报送进展, 申请延期, 调整完成时限. */
export function assertOpen(status: string, doing: string): void {
  if (status === 'completed') throw DomainError.conflict(`任务已销号，不能${doing}`, { currentStatus: status, allowedActions: [] });
}

/**
 * A progress report is work under way: an accepted task starts with the lead's first report. A co
 * department reports its own part; that does not start the lead's task (`start` is the lead's).
 */
export function statusAfterProgress(status: string, reporter: TaskActor | 'co'): string {
  assertOpen(status, '报送进展');
  return status === 'accepted' && reporter === actorOf('start') ? transition(status, 'start') : status;
}

/**
 * A task no real department leads waits in the coordinator's worklist as `unassigned`; naming a
 * real lead makes it `assigned`, and taking the last real lead away sends it back. Later statuses
 * stay: the work under way does not depend on who else is named.
 */
export function statusForAssignments(current: TaskStatus, assignments: readonly { role: 'lead' | 'co'; department: { isCollective: boolean } }[]): TaskStatus {
  const led = assignments.some((a) => a.role === 'lead' && !a.department.isCollective);
  if (current === 'unassigned' && led) return 'assigned';
  if (current === 'assigned' && !led) return 'unassigned';
  return current;
}
