import type { TaskAction } from './task-status';

/**
 * Every kind of row in a task's history (`task_event.type`). Writers (workflow, assignments,
 * draft corrections, plan import, department merges) and readers (history, the revision that keeps
 * hand edits) share this list, so a renamed event cannot silently stop matching.
 */
export type TaskEventType =
  | TaskAction
  | 'extension_requested'
  | 'extension_approved'
  | 'extension_rejected'
  | 'assignments'
  | TaskField
  | 'deleted'
  | 'split'
  | 'merged'
  | 'merged_into'
  | 'department_merged'
  | 'revised'
  | 'removed'
  | 'published_into';

/** The task fields a coordinator edits one by one; each change is an event named after its field. */
export type TaskField = 'deadline' | 'title' | 'kind';

/** The events after which a revision of the plan keeps the task's deadline as set by hand. */
export const DEADLINE_SET_BY_HAND: readonly TaskEventType[] = ['deadline', 'extension_approved'];
/** The events after which a revision keeps the task's departments as set by hand. */
export const ASSIGNMENTS_SET_BY_HAND: readonly TaskEventType[] = ['assignments'];
