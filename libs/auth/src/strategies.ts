import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { ExtractJwt, Strategy as JwtBearer } from 'passport-jwt';
import { Strategy as Local } from 'passport-local';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { DomainError } from '@duban/domain';
import { type AccessClaims, AuthService } from './auth.service';
import type { AuthUser } from './permissions';
import { SessionVersions } from './session-versions';

@Injectable()
export class LocalStrategy extends PassportStrategy(Local, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: Request, email: string, password: string): Promise<AuthUser> {
    return this.auth.verifyCredentials(email, password, req.ip ?? 'unknown');
  }
}

@Injectable()
export class JwtStrategy extends PassportStrategy(JwtBearer, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessions: SessionVersions,
  ) {
    // a KeyObject built once: given the string, jsonwebtoken first tries (and fails) to read it as
    // a PEM public key, then builds a secret key, on every request (about 0.6 ms each)
    const key = createSecretKey(Buffer.from(config.jwtSecret));
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: key as unknown as Buffer, algorithms: ['HS256'] });
  }

  /** A valid signature is not enough: the user's session version must still be the token's. */
  async validate(claims: AccessClaims & { aud?: unknown }): Promise<AuthUser> {
    // a board session token (it has an audience) is no access token
    if (claims.aud !== undefined) throw new DomainError('unauthenticated', '不是访问令牌');
    const state = await this.sessions.current(claims.sub);
    if (!state || state.disabled || state.version !== claims.sv) throw new DomainError('unauthenticated', '登录会话已结束，请重新登录');
    return { id: claims.sub, email: claims.email, role: claims.role, jurisdictionId: claims.jur, departmentId: claims.dep };
  }
}
