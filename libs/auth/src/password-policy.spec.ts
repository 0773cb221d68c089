import { DomainError } from '@duban/domain';
import { assertPasswordPolicy, passwordProblem } from './password-policy';

describe('password policy', () => {
  it.each([
    ['short1!', 'min_length'],
    ['zhang.san@qh.gov.cn', 'not_email'],
    ['my-zhang.san-secret', 'not_email'],
    ['password123', 'common'],
    ['Woaini1314', 'common'],
    ['qwerty2024!', 'common'],
    ['aaaaabbbbbaaaaa', 'too_simple'],
  ])('refuses %p by the rule %p', (password, rule) => {
    expect(passwordProblem(password, 'zhang.san@qh.gov.cn')?.rule).toBe(rule);
  });

  it('accepts a long, personal passphrase, Chinese included', () => {
    expect(passwordProblem('青海湖边的三只羊走过', 'zhang.san@qh.gov.cn')).toBeNull();
    expect(passwordProblem('correct horse battery staple', 'a@b.c')).toBeNull();
  });

  it('answers a 400 that names the field and the rule', () => {
    try {
      assertPasswordPolicy('password123', 'a@b.c', 'password');
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).details.errors).toEqual([{ field: 'password', rule: 'common', message: expect.any(String) }]);
    }
  });
});
