export { DomainError, type DomainErrorCode, type FieldProblem } from './errors';
export * from './calendar/working-days';
export * from './reminders/reminder.rules';
export * from './escalation/ladder';
export * from './digests/escape';
export * from './digests/mail-content';
export * from './tasks/task-status';
export * from './tasks/deadlines';
export * from './calendar/calendar-data';
