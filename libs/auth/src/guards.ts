import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError, roleLabel } from '@duban/domain';
import { validationPipe } from '@duban/http';
import { AccessTokens } from './access-tokens';
import { LoginDto } from './auth.dto';
import { type AuthUser, PUBLIC_KEY, type Role, ROLES_KEY } from './permissions';

function passportError(err: unknown, user: unknown, message: string): AuthUser {
  if (err) throw err;
  if (!user) throw new DomainError('unauthenticated', message);
  return user as AuthUser;
}

/**
 * The global guard: a route is open only if it says @Public(); otherwise it needs a valid bearer
 * token (`AccessTokens`: signature, expiry, session version, on every request) and a role its
 * @Allow(...) names. A route that declares neither is refused to everyone.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles) throw DomainError.forbidden('该接口未声明访问权限');
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined>; user?: AuthUser }>();
    const user = await this.tokens.user(req.headers.authorization as string | undefined);
    req.user = user;
    if (!roles.includes(user.role)) throw DomainError.forbidden(`${roleLabel(user.role)}无权执行此操作`);
    return true;
  }
}

/** Login: the body is validated like any other (400 naming the fields) before passport reads it. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  private readonly pipe = validationPipe();

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<{ body: unknown }>();
    req.body = await this.pipe.transform(req.body ?? {}, { type: 'body', metatype: LoginDto });
    return (await super.canActivate(ctx)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: unknown): T {
    return passportError(err, user, '邮箱或密码错误') as T;
  }
}
