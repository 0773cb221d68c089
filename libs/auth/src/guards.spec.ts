import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessGuard } from './guards';
import { Allow, Public } from './permissions';

class Routes {
  @Public()
  open(): void {}

  undeclared(): void {}

  @Allow('admin')
  adminOnly(): void {}
}

function context(handler: keyof Routes, user?: object): ExecutionContext {
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ headers: {}, user }) }),
  } as unknown as ExecutionContext;
}

describe('the global guard', () => {
  const guard = new AccessGuard(new Reflector());

  it('lets @Public() routes through without a token', async () => {
    await expect(guard.canActivate(context('open'))).resolves.toBe(true);
  });

  it('refuses a route that declares no permission, before looking at any token', async () => {
    await expect(guard.canActivate(context('undeclared', { role: 'admin' }))).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('未声明访问权限') });
  });

  it('turns a missing or bad token into 401, never a user', () => {
    expect(() => guard.handleRequest(null, false)).toThrow(expect.objectContaining({ code: 'unauthenticated' }));
  });
});
