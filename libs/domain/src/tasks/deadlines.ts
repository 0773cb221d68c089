import { DomainError } from '../errors';
import { daysBetween, isLocalDate, type LocalDate } from '../calendar/working-days';
import { assertOpen } from './task-status';

/** Calendar days past the deadline on `today` for an open task; 0 when on time, done, or without a deadline. */
export function daysOverdue(deadline: LocalDate | null | undefined, today: LocalDate, status: string): number {
  if (!deadline || status === 'completed') return 0;
  return Math.max(0, daysBetween(deadline, today));
}

/** On time when closed on or before the deadline day (in the plans' zone); a task without a deadline is never late. */
export function completedOnTime(deadline: LocalDate | null | undefined, completedOn: LocalDate): boolean {
  return !deadline || completedOn <= deadline;
}

export interface ExtensionAsk {
  status: string;
  deadline: LocalDate | null | undefined;
  today: LocalDate;
  newDeadline: string;
  reason: string;
  hasPending: boolean;
}

/** 申请延期: asked before the deadline has passed, for a later date, with a reason, one at a time. */
export function checkExtensionRequest(ask: ExtensionAsk): void {
  assertOpen(ask.status, '申请延期');
  if (ask.status === 'completion_requested') throw DomainError.conflict('办结审核中，不能申请延期', { currentStatus: ask.status });
  if (!ask.deadline) throw DomainError.conflict('该任务没有完成时限，无需延期', { currentStatus: ask.status });
  if (ask.today > ask.deadline) throw DomainError.conflict(`完成时限 ${ask.deadline} 已过，延期须在到期前申请`, { currentStatus: ask.status, deadline: ask.deadline });
  if (ask.hasPending) throw DomainError.conflict('已有待审批的延期申请', { currentStatus: ask.status });
  const problems = [];
  if (!isLocalDate(ask.newDeadline)) problems.push({ field: 'newDeadline', message: '须为日期，格式 YYYY-MM-DD' });
  else if (ask.newDeadline <= ask.deadline) problems.push({ field: 'newDeadline', message: `须晚于当前完成时限 ${ask.deadline}` });
  if (!ask.reason.trim()) problems.push({ field: 'reason', message: '不能为空' });
  if (problems.length) throw DomainError.invalid('延期申请有误', problems);
}

/** 批准 or 驳回 a pending request; a refusal says why (the department reads it). */
export function checkExtensionDecision(requestStatus: string, approve: boolean, reason: string | null | undefined, taskStatus: string): void {
  if (requestStatus !== 'pending') throw DomainError.conflict(`该延期申请已${requestStatus === 'approved' ? '批准' : requestStatus === 'rejected' ? '驳回' : '处理'}`, { currentStatus: requestStatus });
  if (approve) assertOpen(taskStatus, '调整完成时限');
  else if (!reason?.trim()) throw DomainError.invalid('驳回须填写理由', [{ field: 'reason', message: '不能为空' }]);
}

/**
 * An approval never moves a deadline earlier: when the deadline was set later than the requested
 * date after the request was made (the office moved it by hand, another extension), approving the
 * older request is a conflict; the office rejects it, with a reason, or leaves the deadline be.
 */
export function checkExtensionApproval(requestedDeadline: LocalDate, currentDeadline: LocalDate | null | undefined): void {
  if (currentDeadline && requestedDeadline < currentDeadline) {
    throw DomainError.conflict(`此申请提出后，完成时限已调整为 ${currentDeadline}，晚于申请的 ${requestedDeadline}；批准将使时限提前，请驳回该申请`, {
      currentDeadline,
      requestedDeadline,
    });
  }
}
