import { createHmac } from 'node:crypto';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import jwt from 'jsonwebtoken';
import type { AppConfig } from '@duban/config';
import { AccessTokens } from './access-tokens';
import { AccessGuard } from './guards';
import { Allow, Public } from './permissions';
import type { SessionState, SessionVersions } from './session-versions';

class Routes {
  @Public()
  open(): void {}

  undeclared(): void {}

  @Allow('admin')
  adminOnly(): void {}
}

function context(handler: keyof Routes, user?: object, headers: Record<string, string> = {}): ExecutionContext {
  const req = { headers, user };
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

const SECRET = 'spec-secret-spec-secret-spec-secret-0123';
/** 2026-11-20T12:00:00Z, the instant every token here is checked at */
const NOW = 1_795_176_000;
const claims = { sub: 'u1', email: 'a@b.cn', role: 'admin', jur: null, dep: null, sv: 3 };
const sign = (payload: object, secret = SECRET, algorithm: jwt.Algorithm = 'HS256') => jwt.sign({ iat: NOW - 60, exp: NOW + 840, ...payload }, secret, { algorithm });
/** Session versions as a map: the pure part of the guard is tested, SessionVersions has its own tests. */
const sessions = (state: SessionState | null) => ({ current: async () => state }) as unknown as SessionVersions;
const tokens = (state: SessionState | null = { version: 3, disabled: false }) => new AccessTokens({ jwtSecret: SECRET } as AppConfig, sessions(state));

describe('access tokens', () => {
  const verifier = tokens();

  it('accepts an HS256 token signed with the secret, valid now', () => {
    expect(verifier.verify(sign(claims), NOW)).toMatchObject(claims);
  });

  it('refuses another secret, a changed payload, another algorithm, no signature, expiry and not-before, garbage', () => {
    const good = sign(claims);
    const [h, , s] = good.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin', sub: 'u2' })).toString('base64url')}.${s}`;
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${good.split('.')[1]}.`;
    expect(verifier.verify(sign(claims, 'another-secret-another-secret-0123456789'), NOW)).toBeNull();
    expect(verifier.verify(forged, NOW)).toBeNull();
    expect(verifier.verify(sign(claims, SECRET, 'HS512'), NOW)).toBeNull();
    expect(verifier.verify(none, NOW)).toBeNull();
    expect(verifier.verify(good, NOW + 840)).toBeNull();
    expect(verifier.verify(good, NOW + 839)).not.toBeNull();
    expect(verifier.verify(sign({ ...claims, nbf: NOW + 10 }), NOW)).toBeNull();
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, exp: 'never' })}`;
    expect(verifier.verify(`${unsigned}.${createHmac('sha256', SECRET).update(unsigned).digest('base64url')}`, NOW)).toBeNull();
    expect(verifier.verify('a.b.c', NOW)).toBeNull();
    expect(verifier.verify(good.slice(0, -2), NOW)).toBeNull();
  });

  it('needs a Bearer header, the current session version and an account not disabled', async () => {
    const token = sign({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 });
    await expect(tokens().user(`Bearer ${token}`)).resolves.toEqual({ id: 'u1', email: 'a@b.cn', role: 'admin', jurisdictionId: null, departmentId: null });
    await expect(tokens().user(`bearer ${token}`)).resolves.toMatchObject({ id: 'u1' });
    await expect(tokens().user(undefined)).rejects.toMatchObject({ code: 'unauthenticated', message: '请先登录（需要有效的访问令牌）' });
    await expect(tokens().user(`Basic ${token}`)).rejects.toMatchObject({ code: 'unauthenticated', message: '请先登录（需要有效的访问令牌）' });
    await expect(tokens({ version: 4, disabled: false }).user(`Bearer ${token}`)).rejects.toMatchObject({ message: '登录会话已结束，请重新登录' });
    await expect(tokens({ version: 3, disabled: true }).user(`Bearer ${token}`)).rejects.toMatchObject({ message: '登录会话已结束，请重新登录' });
    await expect(tokens(null).user(`Bearer ${token}`)).rejects.toMatchObject({ message: '登录会话已结束，请重新登录' });
    await expect(tokens().user(`Bearer ${sign({ ...claims, aud: 'board', exp: Math.floor(Date.now() / 1000) + 600 })}`)).rejects.toMatchObject({ message: '不是访问令牌' });
  });
});

describe('the global guard', () => {
  const guard = new AccessGuard(new Reflector(), tokens());

  it('lets @Public() routes through without a token', async () => {
    await expect(guard.canActivate(context('open'))).resolves.toBe(true);
  });

  it('refuses a route that declares no permission, before looking at any token', async () => {
    await expect(guard.canActivate(context('undeclared', { role: 'admin' }))).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('未声明访问权限') });
  });

  it('turns a missing or bad token into 401, never a user', async () => {
    await expect(guard.canActivate(context('adminOnly'))).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(guard.canActivate(context('adminOnly', undefined, { authorization: 'Bearer x.y.z' }))).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
