import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { QUEUES } from './catalogue';
import { QueueMetrics } from './queue.metrics';

export const BOARD_ROUTE = '/admin/queues';
const COOKIE = 'duban_board';

/**
 * Bull Board is an Express router, out of reach of the global JWT guard, so it gets its own check:
 * an admin's access token as a bearer header, or once as `?token=` (a browser cannot set headers
 * on a page load), which is then kept in an HttpOnly cookie for the board's own requests.
 */
export function adminOnly(jwt: JwtService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const query = typeof req.query?.token === 'string' ? req.query.token : undefined;
    const cookie = new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`).exec(req.headers.cookie ?? '')?.[1];
    const token = header ?? query ?? cookie;
    const refuse = (status: 401 | 403, detail: string) =>
      void res.status(status).type('application/problem+json').json({ type: 'about:blank', title: status === 401 ? 'Unauthorized' : 'Forbidden', status, detail });
    let claims: { role?: string; exp?: number };
    try {
      if (!token) return refuse(401, 'an admin access token is required');
      claims = jwt.verify(token, { algorithms: ['HS256'] });
    } catch {
      return refuse(401, 'the access token is invalid or expired');
    }
    if (claims.role !== 'admin') return refuse(403, 'only admins may see the queues');
    if (query && !header) {
      const maxAge = claims.exp ? Math.max(0, claims.exp * 1000 - Date.now()) : 15 * 60_000;
      res.cookie(COOKIE, query, { httpOnly: true, sameSite: 'strict', path: BOARD_ROUTE, maxAge, secure: req.secure });
    }
    next();
  };
}

/**
 * Bull Board at /admin/queues (admins only): failed jobs are kept and can be inspected and retried
 * there. The API's /metrics shows the same queues' depths.
 */
@Module({
  providers: [QueueMetrics],
  imports: [
    BullBoardModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ route: BOARD_ROUTE, adapter: ExpressAdapter, middleware: adminOnly(new JwtService({ secret: config.jwtSecret })) }),
    }),
    BullBoardModule.forFeature(...Object.values(QUEUES).map((name) => ({ name, adapter: BullMQAdapter }))),
  ],
})
export class JobsBoardModule {}
