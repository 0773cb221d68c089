import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { collectProcessMetrics, httpRequestDuration, metricsRegistry } from './metrics';

export const METRICS_PATH = '/metrics';

/**
 * `GET /metrics` in Prometheus' text format, for a scraper that sends `Authorization: Bearer
 * <METRICS_TOKEN>` (Prometheus' `authorization` setting). Anything else is a 401 problem: the
 * numbers name jurisdictions' backlogs and are not for the public.
 */
export function metricsHandler(token: string) {
  const expected = Buffer.from(`Bearer ${token}`);
  collectProcessMetrics();
  return (req: IncomingMessage, res: ServerResponse): void => {
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(401, { 'Content-Type': 'application/problem+json', 'WWW-Authenticate': 'Bearer realm="metrics"' });
      res.end(JSON.stringify({ type: 'urn:duban:problem:unauthenticated', title: '未登录或登录已失效', status: 401, detail: '查看监控指标须携带令牌 METRICS_TOKEN' }));
      return;
    }
    metricsRegistry.metrics().then(
      (body) => {
        res.writeHead(200, { 'Content-Type': metricsRegistry.contentType, 'Cache-Control': 'no-store' });
        res.end(body);
      },
      (error: unknown) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`metrics failed: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  };
}

/** The worker has no HTTP server of its own: this one serves only /metrics, on METRICS_PORT. */
export async function startMetricsServer(port: number, token: string, host = '0.0.0.0'): Promise<Server> {
  const handle = metricsHandler(token);
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === METRICS_PATH) return handle(req, res);
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: only GET /metrics is served here\n');
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  return server;
}

interface RoutedRequest extends IncomingMessage {
  baseUrl?: string;
  route?: { path?: unknown };
}

/**
 * Express middleware: every request's duration under its route template (`/api/tasks/:id`), never
 * its raw path, so ids do not explode the number of series; unrouted requests share one label.
 */
export function httpMetrics() {
  return (req: RoutedRequest, res: ServerResponse, next: () => void): void => {
    const end = httpRequestDuration.startTimer();
    res.on('finish', () => end({ method: req.method ?? 'GET', route: routeOf(req), status: String(res.statusCode) }));
    next();
  };
}

function routeOf(req: RoutedRequest): string {
  const path = req.route?.path;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : 'unmatched';
}
