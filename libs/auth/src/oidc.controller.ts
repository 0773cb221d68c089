import { type CanActivate, Controller, type ExecutionContext, Get, Injectable, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '@duban/domain';
import { AuthService, type Tokens } from './auth.service';
import { OIDC_ROUTE, OidcStrategy } from './oidc.strategy';
import { type AuthUser, CurrentUser, Public } from './permissions';

/** 404 while single sign-on is not configured, as if the routes did not exist. */
@Injectable()
class OidcEnabled implements CanActivate {
  constructor(private readonly strategy: OidcStrategy) {}
  canActivate(_ctx: ExecutionContext): boolean {
    if (!this.strategy.enabled) throw DomainError.notFound('route', OIDC_ROUTE);
    return true;
  }
}

@Injectable()
class OidcGuard extends AuthGuard('oidc') {
  override handleRequest<T>(err: unknown, user: unknown): T {
    if (err) throw err;
    if (!user) throw new DomainError('unauthenticated', '单点登录失败');
    return user as T;
  }
}

@ApiTags('auth')
@Controller(OIDC_ROUTE.slice(1))
export class OidcController {
  constructor(private readonly auth: AuthService) {}

  /** Redirects (302) to the identity provider. */
  @Public()
  @UseGuards(OidcEnabled, OidcGuard)
  @Get('login')
  login(): void {
    // the guard has answered with the redirect
  }

  /** The identity provider sends the browser back here; answers the same tokens as a password login. */
  @Public()
  @UseGuards(OidcEnabled, OidcGuard)
  @Get('callback')
  callback(@CurrentUser() user: AuthUser): Promise<Tokens> {
    return this.auth.issue(user.id);
  }
}
