import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import passport from 'passport';
import type { Configuration } from 'openid-client';
import { AuditLog } from '@duban/audit';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { DomainError } from '@duban/domain';
import { User } from '@duban/persistence';
import type { AuthUser } from './permissions';
import { authUserOf, normalizeEmail } from './users';

export const OIDC_ROUTE = '/api/auth/oidc';
const FLOW_COOKIE = 'duban_oidc';
const FLOW_SECONDS = 10 * 60;
const FLOW_AUDIENCE = 'duban-oidc-flow';

type OpenIdClient = typeof import('openid-client');

/**
 * Single sign-on through the province's OIDC identity provider, as a passport strategy over
 * openid-client (authorization code + PKCE). The login leg stores state, nonce and the PKCE
 * verifier in a signed, HttpOnly, 10-minute cookie scoped to the callback; the callback leg
 * checks them, and maps the IdP's verified email to an existing, enabled account (no account is
 * created). Registered with passport only when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set.
 */
@Injectable()
export class OidcStrategy extends passport.Strategy {
  override name = 'oidc';
  private readonly log = new Logger('auth');
  private configuration?: Promise<Configuration>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly em: EntityManager,
    private readonly audit: AuditLog,
  ) {
    super();
    if (config.oidc) passport.use('oidc', this);
  }

  get enabled(): boolean {
    return Boolean(this.config.oidc);
  }

  override authenticate(req: Request): void {
    const run = typeof req.query.code === 'string' || typeof req.query.error === 'string' ? this.callback(req) : this.start(req);
    run.catch((error: unknown) => this.error(error as Error));
  }

  private async start(req: Request): Promise<void> {
    const client = await openIdClient();
    const config = await this.discover();
    const flow = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri(),
      scope: 'openid email',
      response_type: 'code',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    });
    const res = req.res as Response;
    // Lax: the callback arrives as a top-level navigation from the IdP's site
    res.cookie(FLOW_COOKIE, await this.jwt.signAsync(flow, { audience: FLOW_AUDIENCE, expiresIn: FLOW_SECONDS }), { httpOnly: true, sameSite: 'lax', path: OIDC_ROUTE, maxAge: FLOW_SECONDS * 1000, secure: req.secure });
    this.redirect(url.href);
  }

  private async callback(req: Request): Promise<void> {
    const res = req.res as Response;
    res.clearCookie(FLOW_COOKIE, { path: OIDC_ROUTE });
    const raw = new RegExp(`(?:^|;\\s*)${FLOW_COOKIE}=([^;]+)`).exec(req.headers.cookie ?? '')?.[1];
    let flow: { state: string; nonce: string; verifier: string };
    try {
      flow = await this.jwt.verifyAsync(raw ?? '', { audience: FLOW_AUDIENCE, algorithms: ['HS256'] });
    } catch {
      return this.error(new DomainError('unauthenticated', '单点登录已过期或并非从本系统发起，请重新登录'));
    }
    if (typeof req.query.error === 'string') return this.error(new DomainError('unauthenticated', `身份提供方拒绝了登录：${String(req.query.error).slice(0, 100)}`));
    const client = await openIdClient();
    let claims: Record<string, unknown> | undefined;
    try {
      const config = await this.discover();
      const tokens = await client.authorizationCodeGrant(config, new URL(req.originalUrl, this.config.publicUrl), { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
      claims = tokens.claims() as Record<string, unknown> | undefined;
      // many providers put scope claims (email) only in userinfo, not in the ID token
      if (claims && typeof claims.email !== 'string') claims = { ...claims, ...(await client.fetchUserInfo(config, tokens.access_token, String(claims.sub))) };
    } catch (error) {
      this.log.warn(`single sign-on callback refused: ${error instanceof Error ? error.message : String(error)}`);
      return this.error(new DomainError('unauthenticated', '单点登录的响应无法验证，请重新登录'));
    }
    const email = typeof claims?.email === 'string' && claims.email_verified !== false ? normalizeEmail(claims.email) : null;
    const user = email ? await this.em.fork().findOne(User, { email }, { populate: ['jurisdiction', 'department'] }) : null;
    if (!user || user.disabled) {
      await this.audit.record({ actorId: user?.id, actorRole: user?.role, actorEmail: email, jurisdictionId: user?.jurisdiction?.id, action: 'auth.login_failed', targetType: 'user', targetId: user?.id ?? null, details: { method: 'oidc', ip: req.ip, reason: !email ? 'no_verified_email' : !user ? 'unknown_email' : 'disabled', subject: claims?.sub } });
      return this.error(DomainError.forbidden(email ? `没有使用邮箱 ${email} 的有效账号，请联系管理员开通` : '身份提供方未提供经过验证的邮箱'));
    }
    await this.audit.record({ actorId: user.id, actorRole: user.role, actorEmail: user.email, jurisdictionId: user.jurisdiction?.id, action: 'auth.login_succeeded', targetType: 'user', targetId: user.id, details: { method: 'oidc', ip: req.ip, subject: claims?.sub } });
    this.success(authUserOf(user) satisfies AuthUser);
  }

  private redirectUri(): string {
    return `${this.config.publicUrl}${OIDC_ROUTE}/callback`;
  }

  /** Discovered once; a failed discovery (IdP down at boot) is retried on the next sign-in. */
  private discover(): Promise<Configuration> {
    if (!this.config.oidc) throw DomainError.notFound('route', OIDC_ROUTE);
    const { issuer, clientId, clientSecret } = this.config.oidc;
    this.configuration ??= openIdClient().then((client) =>
      client.discovery(new URL(issuer), clientId, clientSecret, undefined, { execute: new URL(issuer).protocol === 'http:' ? [client.allowInsecureRequests] : [], timeout: 10 }),
    );
    this.configuration.catch(() => (this.configuration = undefined));
    return this.configuration;
  }
}

// ESM-only package: loaded on first use
let loaded: Promise<OpenIdClient> | undefined;
const openIdClient = () => (loaded ??= import('openid-client'));
