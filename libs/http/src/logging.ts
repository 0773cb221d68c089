import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import pino, { type Logger } from 'pino';

/** JSON lines on stdout, one logger for Nest and for requests. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', name = 'duban', destination?: pino.DestinationStream): Logger {
  return destination ? pino({ level, name, base: { pid: process.pid } }, destination) : pino({ level, name, base: { pid: process.pid } });
}

export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, context?: string, trace?: string): void {
    if (typeof message === 'object' && message !== null) this.logger[level]({ context, trace, ...message });
    else this.logger[level]({ context, trace }, String(message));
  }
}

/** A request id from `X-Request-Id` (or a new one), echoed back and put on every log line of the request. */
export function requestLogging(logger: Logger) {
  return (req: Request & { id?: string; log?: Logger }, res: Response, next: NextFunction): void => {
    const incoming = req.header('x-request-id');
    const id = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    req.id = id;
    req.log = logger.child({ reqId: id });
    res.setHeader('X-Request-Id', id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      req.log!.info({ method: req.method, url: redactUrl(req.originalUrl), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}

/** Query parameters that may carry a secret (a token pasted into a URL, an OIDC code): never logged. */
const SECRET_PARAMS = /([?&](?:token|access_token|refresh_token|id_token|code|state|password|secret)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}
