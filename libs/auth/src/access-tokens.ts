import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { DomainError } from '@duban/domain';
import type { AccessClaims } from './auth.service';
import type { AuthUser } from './permissions';
import { SessionVersions } from './session-versions';

/** The scheme and the token of an `Authorization` header, read as passport-jwt read it. */
const AUTHORIZATION = /(\S+)\s+(\S+)/;

/**
 * An access token checked on every request: the bearer token must be an HS256 JWT signed with
 * JWT_SECRET (`AuthService` issues them), not expired nor not yet valid, and its session version
 * the user's current one, the account not disabled (`SessionVersions`). The same checks
 * jsonwebtoken made through passport-jwt, written out: that stack parsed the token twice, checked
 * every option it supports and built passport's callbacks on each request, about a tenth of a
 * progress report's CPU.
 */
@Injectable()
export class AccessTokens {
  private readonly key: KeyObject;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessions: SessionVersions,
  ) {
    // built once: a secret given as a string is turned into a key on every HMAC
    this.key = createSecretKey(Buffer.from(config.jwtSecret));
  }

  /** The caller of a request with this `Authorization` header; 401 without a valid, current token. */
  async user(authorization: string | undefined): Promise<AuthUser> {
    const match = typeof authorization === 'string' ? AUTHORIZATION.exec(authorization) : null;
    const claims = match && match[1].toLowerCase() === 'bearer' ? this.verify(match[2]) : null;
    if (!claims) throw new DomainError('unauthenticated', '请先登录（需要有效的访问令牌）');
    // a board session token (it has an audience) is no access token
    if ((claims as { aud?: unknown }).aud !== undefined) throw new DomainError('unauthenticated', '不是访问令牌');
    // a valid signature is not enough: the user's session version must still be the token's
    const state = await this.sessions.current(claims.sub);
    if (!state || state.disabled || state.version !== claims.sv) throw new DomainError('unauthenticated', '登录会话已结束，请重新登录');
    return { id: claims.sub, email: claims.email, role: claims.role, jurisdictionId: claims.jur, departmentId: claims.dep };
  }

  /** The claims of an HS256 JWT signed with our secret and valid now; null for anything else. */
  verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): AccessClaims | null {
    const parts = token.split('.');
    if (parts.length !== 3 || !parts[2]) return null;
    const expected = Buffer.from(createHmac('sha256', this.key).update(`${parts[0]}.${parts[1]}`).digest('base64url'));
    const given = Buffer.from(parts[2]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const header = json(parts[0]);
    if (header?.alg !== 'HS256') return null;
    const claims = json(parts[1]);
    if (!claims) return null;
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > nowSeconds)) return null;
    if (claims.exp !== undefined && (typeof claims.exp !== 'number' || nowSeconds >= claims.exp)) return null;
    return claims as unknown as AccessClaims;
  }
}

function json(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
