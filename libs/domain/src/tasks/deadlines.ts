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
  assertOpen(ask.status, 'ask for an extension');
  if (ask.status === 'completion_requested') throw DomainError.conflict('cannot ask for an extension while completion is under review', { currentStatus: ask.status });
  if (!ask.deadline) throw DomainError.conflict('the task has no deadline to extend', { currentStatus: ask.status });
  if (ask.today > ask.deadline) throw DomainError.conflict(`the deadline ${ask.deadline} has passed; an extension must be asked before it`, { currentStatus: ask.status, deadline: ask.deadline });
  if (ask.hasPending) throw DomainError.conflict('an extension request is already pending', { currentStatus: ask.status });
  const problems = [];
  if (!isLocalDate(ask.newDeadline)) problems.push({ field: 'newDeadline', message: 'newDeadline must be a YYYY-MM-DD date' });
  else if (ask.newDeadline <= ask.deadline) problems.push({ field: 'newDeadline', message: `newDeadline must be after the current deadline ${ask.deadline}` });
  if (!ask.reason.trim()) problems.push({ field: 'reason', message: 'reason must not be empty' });
  if (problems.length) throw DomainError.invalid('invalid extension request', problems);
}

/** 批准 or 驳回 a pending request; a refusal says why (the department reads it). */
export function checkExtensionDecision(requestStatus: string, approve: boolean, reason: string | null | undefined, taskStatus: string): void {
  if (requestStatus !== 'pending') throw DomainError.conflict(`the extension request is already ${requestStatus}`, { currentStatus: requestStatus });
  if (approve) assertOpen(taskStatus, 'move the deadline');
  else if (!reason?.trim()) throw DomainError.invalid('a reason is required to reject', [{ field: 'reason', message: 'reason must not be empty' }]);
}

/**
 * An approval never moves a deadline earlier: when the deadline was set later than the requested
 * date after the request was made (the office moved it by hand, another extension), approving the
 * older request is a conflict; the office rejects it, with a reason, or leaves the deadline be.
 */
export function checkExtensionApproval(requestedDeadline: LocalDate, currentDeadline: LocalDate | null | undefined): void {
  if (currentDeadline && requestedDeadline < currentDeadline) {
    throw DomainError.conflict(`the deadline was moved to ${currentDeadline} after this request for ${requestedDeadline}; approving it would move the deadline earlier. Reject the request instead.`, {
      currentDeadline,
      requestedDeadline,
    });
  }
}
