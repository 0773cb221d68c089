import { type ArgumentsHost, Body, Catch, type CanActivate, Controller, type ExceptionFilter, type ExecutionContext, Get, HttpCode, Inject, Injectable, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '@nestjs/passport';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { DomainError } from '@duban/domain';
import { ProblemFilter, toProblem } from '@duban/http';
import { AuthService, type Tokens } from './auth.service';
import { OidcHandoff } from './oidc-handoff';
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
    if (!user) throw new DomainError('unauthenticated', '统一身份认证登录失败，请重新登录');
    return user as T;
  }
}

/** A browser has arrived by navigation: it can follow a redirect but does nothing with JSON. */
const isBrowser = (req: Request) => req.accepts(['json', 'html']) === 'html';

/**
 * A refused sign-in in a browser goes back to the console's login page with the reason in the
 * fragment; API clients keep the problem+json answer.
 */
@Catch()
class OidcBrowserErrors implements ExceptionFilter {
  private readonly problems = new ProblemFilter();
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const problem = toProblem(error);
    if (!isBrowser(req) || problem.status >= 500) return this.problems.catch(error, host);
    host.switchToHttp().getResponse<Response>().redirect(302, `${this.config.publicUrl}/login#sso_error=${encodeURIComponent(problem.detail)}`);
  }
}

class OidcExchangeDto {
  @ApiProperty({ description: 'the one-time code the callback put in the console URL fragment (`#sso=…`); valid 60 s, once' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  code!: string;
}

@ApiTags('auth')
@Controller(OIDC_ROUTE.slice(1))
export class OidcController {
  constructor(
    private readonly auth: AuthService,
    private readonly strategy: OidcStrategy,
    private readonly handoff: OidcHandoff,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether single sign-on is configured: the console shows its button only then. */
  @Public()
  @Get()
  status(): { enabled: boolean; loginUrl: string | null } {
    return { enabled: this.strategy.enabled, loginUrl: this.strategy.enabled ? `${OIDC_ROUTE}/login` : null };
  }

  /** Redirects (302) to the identity provider. */
  @Public()
  @UseGuards(OidcEnabled, OidcGuard)
  @Get('login')
  login(): void {
    // the guard has answered with the redirect
  }

  /**
   * The identity provider sends the browser back here. A browser (Accept: text/html) is sent on to
   * the console's login page with a one-time code in the fragment (`/login#sso=…`), which the
   * console trades at `POST …/exchange`; other clients get the tokens of a password login.
   */
  @Public()
  @UseGuards(OidcEnabled, OidcGuard)
  @UseFilters(OidcBrowserErrors)
  @Get('callback')
  async callback(@CurrentUser() user: AuthUser, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<Tokens | void> {
    if (!isBrowser(req)) return this.auth.issue(user.id);
    res.redirect(302, `${this.config.publicUrl}/login#sso=${await this.handoff.create(user.id)}`);
  }

  /** Trades the callback's one-time code for the tokens of a password login. */
  @Public()
  @UseGuards(OidcEnabled)
  @Post('exchange')
  @HttpCode(200)
  async exchange(@Body() body: OidcExchangeDto): Promise<Tokens> {
    const userId = await this.handoff.spend(body.code);
    if (!userId) throw new DomainError('unauthenticated', '统一身份认证的登录凭据无效或已过期，请重新登录');
    return this.auth.issue(userId);
  }
}
