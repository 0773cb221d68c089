import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditLog } from '@duban/audit';
import { Clock } from '@duban/clock';
import { DomainError } from '@duban/domain';
import { RefreshToken, User } from '@duban/persistence';
import { LoginThrottle } from './login-throttle';
import { verifyPassword } from './passwords';
import type { AuthUser } from './permissions';
import { authUserOf, normalizeEmail, type UserView, userView } from './users';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
const REFRESH_TOKEN_DAYS = 30;

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: UserView;
}

/** What the access token carries: enough to authorize without a database read. */
export interface AccessClaims {
  sub: string;
  email: string;
  role: AuthUser['role'];
  jur: string | null;
  dep: string | null;
  /** The user's session version when the token was issued (see SessionVersions). */
  sv: number;
}

const unauthenticated = (message: string) => new DomainError('unauthenticated', message);

@Injectable()
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditLog,
  ) {}

  /** The same answer for an unknown email, a wrong password and a disabled account. */
  async verifyCredentials(rawEmail: string, password: string, ip: string): Promise<AuthUser> {
    const email = normalizeEmail(rawEmail);
    // the attempt is taken before the password is compared: a burst cannot outrun the count
    await this.throttle.take(email, ip);
    const user = await this.em.findOne(User, { email }, { populate: ['passwordHash', 'jurisdiction', 'department'] });
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!user || !ok || user.disabled) {
      const reason = !user ? 'unknown_email' : !ok ? 'wrong_password' : 'disabled';
      await this.audit.record({ actorId: user?.id, actorRole: user?.role, actorEmail: email, jurisdictionId: user?.jurisdiction?.id, action: 'auth.login_failed', targetType: 'user', targetId: user?.id ?? null, details: { ip, reason } });
      throw unauthenticated('wrong email or password');
    }
    await this.throttle.succeeded(email, ip);
    await this.audit.record({ actorId: user.id, actorRole: user.role, actorEmail: email, jurisdictionId: user.jurisdiction?.id, action: 'auth.login_succeeded', targetType: 'user', targetId: user.id, details: { ip } });
    return authUserOf(user);
  }

  async issue(userId: string): Promise<Tokens> {
    const user = await this.em.findOneOrFail(User, userId, { populate: ['jurisdiction', 'department'] });
    // every way in ends here (password, refresh, single sign-on handoff): none outlives a disable
    if (user.disabled) throw unauthenticated('该账号已停用');
    const secret = randomBytes(32).toString('base64url');
    const refresh = this.em.create(RefreshToken, {
      user,
      secretSha256: sha256(secret),
      sessionVersion: user.sessionVersion,
      expiresAt: new Date(this.clock.now().getTime() + REFRESH_TOKEN_DAYS * 86_400_000),
      createdAt: this.clock.now(),
    });
    await this.em.flush();
    const auth = authUserOf(user);
    const claims: AccessClaims = { sub: auth.id, email: auth.email, role: auth.role, jur: auth.jurisdictionId, dep: auth.departmentId, sv: user.sessionVersion };
    return {
      accessToken: await this.jwt.signAsync(claims),
      refreshToken: `${refresh.id}.${secret}`,
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_SECONDS,
      user: userView(user),
    };
  }

  /** Rotation: the presented token is spent; presenting a spent one again revokes them all (it leaked). */
  async refresh(token: string): Promise<Tokens> {
    const found = await this.find(token);
    if (!found) throw unauthenticated('invalid refresh token');
    const now = this.clock.now();
    // ended by a password, role or scope change (or disabling): refused, but it is no sign of a leak
    if (found.sessionVersion !== found.user.sessionVersion) throw unauthenticated('this session has ended; sign in again');
    const spent = await this.em.nativeUpdate(RefreshToken, { id: found.id, revokedAt: null }, { revokedAt: now });
    if (!spent) {
      await this.em.nativeUpdate(RefreshToken, { user: found.user, revokedAt: null }, { revokedAt: now });
      throw unauthenticated('refresh token already used; sign in again');
    }
    if (found.expiresAt <= now || found.user.disabled) throw unauthenticated('refresh token expired; sign in again');
    return this.issue(found.user.id);
  }

  async logout(token: string, user: AuthUser): Promise<void> {
    const found = await this.find(token);
    if (found && found.user.id === user.id) await this.em.nativeUpdate(RefreshToken, { id: found.id, revokedAt: null }, { revokedAt: this.clock.now() });
  }

  async me(userId: string): Promise<UserView> {
    return userView(await this.em.findOneOrFail(User, userId, { populate: ['jurisdiction', 'department'] }));
  }

  private async find(token: string): Promise<RefreshToken | null> {
    const [id, secret] = token.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return null;
    const found = await this.em.findOne(RefreshToken, id, { populate: ['user'] });
    if (!found) return null;
    const expected = Buffer.from(found.secretSha256, 'hex');
    return timingSafeEqual(expected, Buffer.from(sha256(secret), 'hex')) ? found : null;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
