import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy as Local } from 'passport-local';
import { AuthService } from './auth.service';
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
