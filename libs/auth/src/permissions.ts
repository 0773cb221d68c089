import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';

import type { Role } from '@duban/domain';

export { type Role, ROLES } from '@duban/domain';

/** Who is calling, as the JWT says; scoping (jurisdiction, department) is checked against it. */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  jurisdictionId: string | null;
  departmentId: string | null;
}

export const PUBLIC_KEY = 'duban:public';
export const ROLES_KEY = 'duban:roles';

/** The only way out of authentication. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** The roles that may call a route. Every route declares this or @Public(); the guard refuses the rest. */
export const Allow = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
