/**
 * Transitional: reminder.sweep.ts and escalation.sweep.ts (owned by another change in flight)
 * still import the mail-address lookup under its old name. Delete this file once they import
 * `MailAddresses` from './mail-addresses'.
 */
export { MailAddresses as Directory, deptKey } from './mail-addresses';
