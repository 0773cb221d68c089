import { DomainError } from '@duban/domain';
import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;

const COMMON = new Set(COMMON_PASSWORDS);

/** The rule a password breaks, or null. Pure: the same check for HTTP, the CLI and tests. */
export function passwordProblem(password: string, email: string): { rule: string; message: string } | null {
  if (typeof password !== 'string' || [...password].length < MIN_PASSWORD_LENGTH) return { rule: 'min_length', message: `密码至少需要${MIN_PASSWORD_LENGTH}个字符` };
  if (password.length > MAX_PASSWORD_LENGTH) return { rule: 'max_length', message: `密码不能超过${MAX_PASSWORD_LENGTH}个字符` };
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const local = address.split('@')[0];
  if (lower === address || lower.includes(address) || (local.length >= 4 && lower.includes(local))) return { rule: 'not_email', message: '密码不能包含登录邮箱或其用户名部分' };
  // a common password with a year or a few digits or symbols appended is as guessable as the bare one
  const stem = lower.replace(/[\d!@#$.*_-]{1,6}$/, '');
  if (COMMON.has(lower) || (stem.length >= 4 && COMMON.has(stem))) return { rule: 'common', message: '密码过于常见，请换一个不易被猜到的密码' };
  if (new Set(lower).size < 4) return { rule: 'too_simple', message: '密码至少需要包含4个不同的字符' };
  return null;
}

/** 400 naming the field and the rule, e.g. `{field: 'newPassword', rule: 'common', message: …}`. */
export function assertPasswordPolicy(password: string, email: string, field = 'newPassword'): void {
  const problem = passwordProblem(password, email);
  if (!problem) return;
  const errors = [{ field, message: problem.message, rule: problem.rule }];
  throw new DomainError('invalid', `密码不符合要求：${problem.message}`, { errors, rule: problem.rule });
}
