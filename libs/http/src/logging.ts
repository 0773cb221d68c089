import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import pino, { type DestinationStream, type Logger } from 'pino';
import { correlationId, withCorrelation } from '@duban/observability';

/**
 * JSON lines on stdout, one logger for Nest and for requests, at the level given (AppConfig's `logLevel`). Every line written while a request
 * or a job is handled carries its `correlationId` (see @duban/observability).
 */
export function createLogger(level = 'info', name = 'duban', destination: DestinationStream = bufferedStdout(level)): Logger {
  return pino({ level, name, base: { pid: process.pid }, mixin: correlationFields }, destination);
}

/**
 * One write(2) per request line cost a fifth of a progress report's CPU under load: lines are
 * gathered up to 4 kB (about 15 request lines), flushed at least every 250 ms and at exit.
 */
function bufferedStdout(level: string): DestinationStream {
  if (level === 'silent') return pino.destination({ dest: 1, sync: true });
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const flush = (sync: boolean) => {
    try {
      if (sync) destination.flushSync();
      else destination.flush();
    } catch {
      // not open yet, or closed: nothing buffered to lose
    }
  };
  setInterval(() => flush(false), 250).unref();
  process.once('exit', () => flush(true));
  return destination;
}

function correlationFields(): Record<string, string> {
  const id = correlationId();
  return id ? { correlationId: id } : {};
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

/**
 * A request id from `X-Request-Id` (or a new one), echoed back and put on every log line of the
 * request. The rest of the request (guards, pipes, service calls, queued jobs) runs under it as
 * correlation id. It must come after every body parser (`configureApiApp` registers them all
 * before it): a parser's stream callbacks run outside a context entered before them. A middleware
 * rather than a global interceptor: with no interceptor Nest calls the handler without building an
 * rxjs pipeline per request.
 */
export function requestLogging(logger: Logger) {
  return (req: Request & { id?: string }, res: Response, next: NextFunction): void => {
    const incoming = req.header('x-request-id');
    const id = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // one line per request: no child logger built for it (its bindings are serialised on creation)
      logger.info({ reqId: id, method: req.method, url: redactUrl(req.originalUrl), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    withCorrelation(id, next);
  };
}

/** Query parameters that may carry a secret (a token pasted into a URL, an OIDC code): never logged. */
const SECRET_PARAMS = /([?&](?:token|access_token|refresh_token|id_token|code|state|password|secret)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}
