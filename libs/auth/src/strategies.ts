import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { ExtractJwt, Strategy as JwtBearer } from 'passport-jwt';
import { Strategy as Local } from 'passport-local';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { type AccessClaims, AuthService } from './auth.service';
import type { AuthUser } from './permissions';

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
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: config.jwtSecret, algorithms: ['HS256'] });
  }

  validate(claims: AccessClaims): AuthUser {
    return { id: claims.sub, email: claims.email, role: claims.role, jurisdictionId: claims.jur, departmentId: claims.dep };
  }
}
