import { Controller, HttpCode, Injectable, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import type { Request, Response } from 'express';
import { AuditLog } from '@duban/audit';
import { BOARD_COOKIE, BOARD_ROUTE, type BoardAccess } from '@duban/jobs';
import { actorOf } from './account-access';
import type { AccessClaims } from './auth.service';
import { Allow, type AuthUser, CurrentUser } from './permissions';
import { SessionVersions } from './session-versions';

/** A board session lives this long; the admin opens a new one from the console when it ends. */
export const BOARD_SESSION_SECONDS = 15 * 60;
/** Board tokens carry this audience, and access tokens never do: neither passes for the other. */
export const BOARD_AUDIENCE = 'duban-board';

interface BoardClaims {
  sub: string;
  role: string;
  sv: number;
}

/**
 * The queue dashboard's access: a bearer access token, or the HttpOnly board cookie that
 * `POST /api/admin/queues/session` sets; a token in the URL is ignored. Either way the admin's
 * session version is checked, so disabling an admin closes its board at once.
 */
@Injectable()
export class BoardSessions implements BoardAccess {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionVersions,
  ) {}

  async authorize(req: Request): Promise<{ status: 200 } | { status: 401 | 403; detail: string }> {
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const cookie = new RegExp(`(?:^|;\\s*)${BOARD_COOKIE}=([^;]+)`).exec(req.headers.cookie ?? '')?.[1];
    if (!bearer && !cookie) return { status: 401, detail: '请从控制台打开队列面板（POST /api/admin/queues/session），或携带管理员的访问令牌' };
    let claims: BoardClaims & { aud?: unknown };
    try {
      claims = bearer ? await this.jwt.verifyAsync<AccessClaims & { aud?: unknown }>(bearer, { algorithms: ['HS256'] }) : await this.jwt.verifyAsync<BoardClaims>(cookie!, { algorithms: ['HS256'], audience: BOARD_AUDIENCE });
    } catch {
      return { status: 401, detail: '队列面板的会话无效或已过期' };
    }
    if (bearer && claims.aud !== undefined) return { status: 401, detail: '不是访问令牌' };
    const state = await this.sessions.current(claims.sub);
    if (!state || state.disabled || state.version !== claims.sv) return { status: 401, detail: '登录会话已结束，请重新登录' };
    if (claims.role !== 'admin') return { status: 403, detail: '只有管理员可以查看队列' };
    return { status: 200 };
  }

  issue(user: AuthUser, sessionVersion: number): Promise<string> {
    const claims: BoardClaims = { sub: user.id, role: user.role, sv: sessionVersion };
    return this.jwt.signAsync(claims, { audience: BOARD_AUDIENCE, expiresIn: BOARD_SESSION_SECONDS });
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/queues')
export class BoardSessionController {
  constructor(
    private readonly board: BoardSessions,
    private readonly sessions: SessionVersions,
    private readonly audit: AuditLog,
  ) {}

  /** Sets the board cookie (HttpOnly, SameSite=Strict, path /admin/queues, Secure over TLS); then open /admin/queues. */
  @Allow('admin')
  @Post('session')
  @HttpCode(204)
  async open(@CurrentUser() user: AuthUser, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const state = await this.sessions.current(user.id);
    const token = await this.board.issue(user, state?.version ?? -1);
    res.cookie(BOARD_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: BOARD_ROUTE, maxAge: BOARD_SESSION_SECONDS * 1000, secure: req.secure });
    await this.audit.record({ ...actorOf(user), action: 'board.session_opened', targetType: 'board', targetId: BOARD_ROUTE, details: { ip: req.ip } });
  }
}
