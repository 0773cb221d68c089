import type { MailContent } from '@duban/domain';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The set-password mail: for a new account (welcome) or a reset an administrator asked for. */
export function setPasswordMail(input: { email: string; link: string; hours: number; welcome: boolean }): MailContent {
  const what = input.welcome ? '已为您开通督办系统账号' : '收到了为您的督办系统账号重置密码的请求';
  const subject = input.welcome ? '【督办】账号已开通，请设置登录密码' : '【督办】重置登录密码';
  const text = [
    '您好：',
    '',
    `${what}（${input.email}）。请在${input.hours}小时内打开以下链接设置登录密码，链接只能使用一次：`,
    '',
    input.link,
    '',
    '如非本人或本单位操作，请忽略本邮件，原密码不受影响。',
  ].join('\n');
  const html =
    `<p>您好：</p><p>${esc(what)}（${esc(input.email)}）。请在${input.hours}小时内打开以下链接设置登录密码，链接只能使用一次：</p>` +
    `<p><a href="${esc(input.link)}">${esc(input.link)}</a></p><p>如非本人或本单位操作，请忽略本邮件，原密码不受影响。</p>`;
  return { subject, text, html };
}
