import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { QUEUES } from './catalogue';
import { QueueMetrics } from './queue.metrics';

export const BOARD_ROUTE = '/admin/queues';
/** The HttpOnly cookie that carries a short-lived board session (see BoardAccess). */
export const BOARD_COOKIE = 'duban_board';

/**
 * Who may see the board, decided by the auth library (this library sits below it): the board
 * cookie or a bearer header, never a token in the URL, where request logs would keep it.
 */
export interface BoardAccess {
  authorize(req: Request): Promise<{ status: 200 } | { status: 401 | 403; detail: string }>;
}
export const BOARD_ACCESS = Symbol('BoardAccess');

/** Bull Board is an Express router, out of reach of the global guard, so it gets this check. */
export function boardGuard(access: BoardAccess) {
  return (req: Request, res: Response, next: NextFunction): void => {
    access.authorize(req).then(
      (verdict) => {
        if (verdict.status === 200) return next();
        res.status(verdict.status).type('application/problem+json').json({ type: 'about:blank', title: verdict.status === 401 ? '未登录或登录已失效' : '无权访问', status: verdict.status, detail: verdict.detail });
      },
      (error: unknown) => next(error),
    );
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
      inject: [BOARD_ACCESS],
      useFactory: (access: BoardAccess) => ({ route: BOARD_ROUTE, adapter: ExpressAdapter, middleware: boardGuard(access) }),
    }),
    BullBoardModule.forFeature(...Object.values(QUEUES).map((name) => ({ name, adapter: BullMQAdapter }))),
  ],
})
export class JobsBoardModule {}
