import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Paths the console never answers: the API, its docs, health, Bull Board, metrics, the set-password page (libs/auth). */
const SERVER_PATHS = /^\/(api|docs|health|admin|metrics|set-password)(\/|-|\.|$)/;

/**
 * The built console (dist/console, written by `npm run build` or `npm start`): where AppConfig's
 * `consoleDir` (DUBAN_CONSOLE_DIR) says, else beside the compiled app or, when running from
 * source (tests), at the repository's dist/.
 */
export function consoleDir(configured?: string): string | undefined {
  const candidates = [configured, resolve(__dirname, '../../../console'), resolve(__dirname, '../../../dist/console')];
  return candidates.find((dir): dir is string => !!dir && existsSync(join(dir, 'index.html')));
}

/**
 * Serves the console's static files at `/` and its index.html for any other page address (the
 * single-page app routes in the browser), leaving the server's own paths to their handlers.
 */
export function serveConsole(app: INestApplication, dir: string | undefined): void {
  if (!dir) return;
  const index = join(dir, 'index.html');
  // hashed file names: an asset never changes under its name
  const express = app as NestExpressApplication;
  express.useStaticAssets(join(dir, 'assets'), { prefix: '/assets', immutable: true, maxAge: '365d', index: false, fallthrough: false });
  express.useStaticAssets(dir, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
