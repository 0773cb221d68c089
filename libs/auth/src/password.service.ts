import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditLog } from '@duban/audit';
import { Clock } from '@duban/clock';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { DomainError } from '@duban/domain';
import { jobIds, JobQueues } from '@duban/jobs';
import { RefreshToken, User } from '@duban/persistence';
import { setPasswordMail } from './account-mail';
import { LoginThrottle } from './login-throttle';
import { assertPasswordPolicy } from './password-policy';
import { hashPassword, verifyPassword } from './passwords';
import type { AuthUser } from './permissions';
import { SessionVersions } from './session-versions';
import { actorOf, assertManages } from './account-access';
import { userView } from './users';

const RESET_HOURS = 24;
const WELCOME_HOURS = 72;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Passwords after the first login: a user changes its own; an admin or coordinator sends a
 * one-time set-password link (also what a new account without a password gets). A link's token
 * is stored only as a hash, expires, and is spent by its first use; a newer link voids older ones.
 * Every password change ends the user's other sessions.
 */
@Injectable()
export class PasswordService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly sessions: SessionVersions,
    private readonly throttle: LoginThrottle,
    private readonly queues: JobQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async change(actor: AuthUser, currentPassword: string, newPassword: string, ip: string): Promise<void> {
    const current = await this.em.fork().findOne(User, actor.id, { populate: ['passwordHash'] });
    if (!current) throw new DomainError('unauthenticated', '登录会话已结束，请重新登录');
    // the current password is a login secret: guessing it here counts against the same limit
    await this.throttle.take(current.email, ip);
    if (!(await verifyPassword(current.passwordHash, currentPassword))) {
      await this.audit.record({ ...actorOf(actor), jurisdictionId: actor.jurisdictionId, action: 'auth.password_change_refused', targetType: 'user', targetId: actor.id, details: { ip } });
      throw DomainError.invalid('当前密码不正确', [{ field: 'currentPassword', message: '当前密码不正确' }]);
    }
    assertPasswordPolicy(newPassword, current.email);
    await this.replace(actor.id, newPassword, (em, user) =>
      this.audit.record({ ...actorOf(actor), jurisdictionId: user.jurisdiction?.id ?? null, action: 'auth.password_changed', targetType: 'user', targetId: user.id, details: { ip } }, em),
    );
  }

  /** An admin's or coordinator's reset: mails a link; the old password keeps working until the link is used. */
  async requestReset(actor: AuthUser, userId: string): Promise<{ expiresAt: string }> {
    const { outboxId, expiresAt } = await this.em.fork().transactional(async (em) => {
      const user = await em.findOne(User, userId, { populate: ['jurisdiction', 'department'] });
      if (!user) throw DomainError.notFound('user', userId);
      assertManages(actor, userView(user));
      if (user.disabled) throw DomainError.conflict('该账号已停用，请先启用');
      const link = await this.writeLink(em, user, actor.id, false);
      await this.audit.record({ ...actorOf(actor), jurisdictionId: user.jurisdiction?.id ?? null, action: 'auth.password_reset_requested', targetType: 'user', targetId: user.id, details: { email: user.email, expiresAt: link.expiresAt.toISOString() } }, em);
      return link;
    });
    await this.send(outboxId);
    return { expiresAt: expiresAt.toISOString() };
  }

  /** For a just-created account without a password, inside the creating transaction; send after commit. */
  welcome(em: EntityManager, user: User, createdById: string): Promise<{ outboxId: string }> {
    return this.writeLink(em, user, createdById, true);
  }

  async send(outboxId: string): Promise<void> {
    await this.queues.addBulk('mail.send', [{ data: { outboxId }, jobId: jobIds.mail(outboxId, 0) }]);
  }

  /** Spends the link's token and sets the password. The policy is checked first, so a refused password leaves the link usable. */
  async setWithToken(token: string, newPassword: string): Promise<void> {
    const hash = sha256(token);
    const now = this.clock.now();
    const [pending] = await this.em.execute<Array<{ email: string }>>(
      `select u.email from password_reset r join app_user u on u.id = r.user_id where r.token_sha256 = ? and r.used_at is null and r.expires_at > ? and not u.disabled`,
      [hash, now],
    );
    if (!pending) throw invalidLink();
    assertPasswordPolicy(newPassword, pending.email);
    const spent = await this.replace(null, newPassword, async (em, user) => {
      await this.audit.record({ actorId: user.id, actorRole: user.role, actorEmail: user.email, jurisdictionId: user.jurisdiction?.id ?? null, action: 'auth.password_set', targetType: 'user', targetId: user.id, details: {} }, em);
    }, async (em) => {
      const [row] = await em.execute<Array<{ user_id: string }>>(`update password_reset set used_at = ? where token_sha256 = ? and used_at is null and expires_at > ? returning user_id`, [now, hash, now]);
      if (!row) throw invalidLink();
      return row.user_id;
    });
    if (!spent) throw invalidLink();
  }

  /**
   * Sets a user's password in one transaction: new hash, session version up, every refresh
   * token revoked, audit entry; after commit every replica refuses the old access tokens.
   */
  private async replace(userId: string | null, password: string, audit: (em: EntityManager, user: User) => Promise<void>, resolve?: (em: EntityManager) => Promise<string>): Promise<boolean> {
    const passwordHash = await hashPassword(password);
    const state = await this.em.fork().transactional(async (em) => {
      const id = userId ?? (await resolve!(em));
      const user = await em.findOne(User, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!user) return null;
      await em.populate(user, ['jurisdiction']);
      user.passwordHash = passwordHash;
      user.sessionVersion += 1;
      await em.nativeUpdate(RefreshToken, { user: user.id, revokedAt: null }, { revokedAt: this.clock.now() });
      // earlier links are void once a password is set, whichever way
      await em.execute(`update password_reset set used_at = ? where user_id = ? and used_at is null`, [this.clock.now(), user.id]);
      await em.flush();
      await audit(em, user);
      return { id: user.id, version: user.sessionVersion, disabled: user.disabled };
    });
    if (!state) return false;
    await this.sessions.changed(state.id, { version: state.version, disabled: state.disabled });
    return true;
  }

  private async writeLink(em: EntityManager, user: User, createdById: string, welcome: boolean): Promise<{ outboxId: string; expiresAt: Date }> {
    const now = this.clock.now();
    const hours = welcome ? WELCOME_HOURS : RESET_HOURS;
    const expiresAt = new Date(now.getTime() + hours * 3_600_000);
    const token = randomBytes(32).toString('base64url');
    const resetId = randomUUID();
    await em.execute(`update password_reset set used_at = ? where user_id = ? and used_at is null`, [now, user.id]);
    await em.execute(`insert into password_reset (id, user_id, token_sha256, expires_at, created_by_id, created_at) values (?, ?, ?, ?, ?, ?)`, [resetId, user.id, sha256(token), expiresAt, createdById, now]);
    // the token travels in the fragment: browsers never send it to a server, so no log records it
    const content = setPasswordMail({ email: user.email, link: `${this.config.publicUrl}/set-password#token=${token}`, hours, welcome });
    const outboxId = randomUUID();
    await em.execute(
      `insert into mail_outbox (id, idempotency_key, kind, recipients, subject, text_body, html_body, created_at) values (?, ?, 'account', array[?]::text[], ?, ?, ?, ?)`,
      [outboxId, `account:password:${resetId}`, user.email, content.subject, content.text, content.html, now],
    );
    return { outboxId, expiresAt };
  }
}

const invalidLink = () => DomainError.invalid('链接无效、已使用或已过期', [{ field: 'token', message: '链接无效、已使用或已过期，请联系管理员重新发送' }]);
