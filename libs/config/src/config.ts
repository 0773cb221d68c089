/**
 * The environment contract (shared/contracts/api.md): validated once, before anything starts,
 * so that a missing or malformed variable fails start-up with one line naming it.
 */
export interface AppConfig {
  databaseUrl: string;
  redisUrl: string;
  smtpUrl: string;
  port: number;
  jwtSecret: string;
  tzPlans: string;
  mailFrom: string;
  sweepIntervalSeconds: number;
  adminEmail?: string;
  adminPassword?: string;
  logLevel: string;
  /** PostgreSQL: how long to wait for a connection, and for one statement (then 503 / a failed job). */
  databaseConnectTimeoutMs: number;
  databaseStatementTimeoutMs: number;
  /** Redis for producers (the API): how long a command may wait before the request fails with 503. */
  redisCommandTimeoutMs: number;
  /** Key prefix of the queues and the auth keys in Redis, for deployments sharing one Redis. */
  queuePrefix: string;
  /** Plan documents are read and parsed in this many worker threads, each given this long. */
  planParseWorkers: number;
  planParseTimeoutMs: number;
  /** Start a parse worker at boot, ready for the first upload; off under jest (`NODE_ENV=test`), where every test app would start one it never uses. */
  planParseWarm: boolean;
  /** DUBAN_CONSOLE_DIR: the built web console, when not at dist/console beside the app. */
  consoleDir?: string;
  /** Bearer token a scraper sends for /metrics; unset: no process serves metrics. */
  metricsToken?: string;
  /** The worker's own /metrics listener (the API serves /metrics on PORT). */
  metricsPort?: number;
  /** Where people open the web console and reach the API (links in mails, the OIDC callback), without a trailing slash. */
  publicUrl: string;
  /** Express `trust proxy`: which hops may set X-Forwarded-For/-Proto (TLS ends at the proxy). */
  trustProxy: boolean | number | string;
  /** Single sign-on, off unless all three are set. */
  oidc?: { issuer: string; clientId: string; clientSecret: string };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

export interface ConfigNeeds {
  /** The API signs tokens; the worker does not need the secret. */
  jwtSecret?: boolean;
}

export function loadConfig(env: Env = process.env, needs: ConfigNeeds = {}): AppConfig {
  const config: AppConfig = {
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    port: int(env, 'PORT', 3000, 1, 65535),
    jwtSecret: needs.jwtSecret ? secret(env, 'JWT_SECRET') : (env.JWT_SECRET ?? ''),
    tzPlans: timeZone(env, 'TZ_PLANS', 'Asia/Shanghai'),
    mailFrom: email(env, 'MAIL_FROM', 'duban@localhost'),
    sweepIntervalSeconds: int(env, 'SWEEP_INTERVAL_SECONDS', 900, 1, 86400),
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    databaseConnectTimeoutMs: int(env, 'DATABASE_CONNECT_TIMEOUT_MS', 5000, 100, 600_000),
    databaseStatementTimeoutMs: int(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 60_000, 100, 3_600_000),
    redisCommandTimeoutMs: int(env, 'REDIS_COMMAND_TIMEOUT_MS', 3000, 100, 600_000),
    queuePrefix: queuePrefix(env),
    ...planParseLimits(env),
    publicUrl: '',
    trustProxy: trustProxy(env, 'TRUST_PROXY'),
  };
  if (env.DUBAN_CONSOLE_DIR?.trim()) config.consoleDir = env.DUBAN_CONSOLE_DIR.trim();
  config.publicUrl = env.PUBLIC_URL?.trim() ? url(env, 'PUBLIC_URL', ['http:', 'https:']).replace(/\/+$/, '') : `http://127.0.0.1:${config.port}`;
  const [issuer, clientId, clientSecret] = [env.OIDC_ISSUER?.trim(), env.OIDC_CLIENT_ID?.trim(), env.OIDC_CLIENT_SECRET?.trim()];
  if (issuer || clientId || clientSecret) {
    if (!issuer) throw new ConfigError('OIDC_ISSUER', 'is required when OIDC_CLIENT_ID or OIDC_CLIENT_SECRET is set');
    if (!clientId) throw new ConfigError('OIDC_CLIENT_ID', 'is required when OIDC_ISSUER is set');
    if (!clientSecret) throw new ConfigError('OIDC_CLIENT_SECRET', 'is required when OIDC_ISSUER is set');
    config.oidc = { issuer: url(env, 'OIDC_ISSUER', ['https:', 'http:']), clientId, clientSecret };
  }
  const adminEmail = env.ADMIN_EMAIL?.trim();
  const adminPassword = env.ADMIN_PASSWORD;
  if (adminEmail || adminPassword) {
    if (!adminEmail) throw new ConfigError('ADMIN_EMAIL', 'is required when ADMIN_PASSWORD is set');
    if (!adminPassword) throw new ConfigError('ADMIN_PASSWORD', 'is required when ADMIN_EMAIL is set');
    config.adminEmail = email(env, 'ADMIN_EMAIL', '');
    if (adminPassword.length < 12) throw new ConfigError('ADMIN_PASSWORD', 'must be at least 12 characters');
    config.adminPassword = adminPassword;
  }
  Object.assign(config, metrics(env));
  return config;
}

function queuePrefix(env: Env): string {
  const value = env.QUEUE_PREFIX?.trim() || 'duban';
  if (!/^[\w-]{1,40}$/.test(value)) throw new ConfigError('QUEUE_PREFIX', 'must be 1 to 40 letters, digits, - or _');
  return value;
}

/** The parts of REDIS_URL a client connects with (ioredis options without the behaviour ones). */
export interface RedisConnection {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  tls?: object;
}

export function redisConnection(url: string): RedisConnection {
  const u = new URL(url);
  const db = u.pathname.replace(/^\//, '');
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: db ? Number(db) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

/** Metrics are opt-in and never public: a port without a token would publish them to anyone. */
function metrics(env: Env): Pick<AppConfig, 'metricsToken' | 'metricsPort'> {
  const token = env.METRICS_TOKEN?.trim();
  const port = env.METRICS_PORT?.trim() ? int(env, 'METRICS_PORT', 0, 1, 65535) : undefined;
  if (token !== undefined && token !== '' && (token.length < 16 || !/^[\x21-\x7e]+$/.test(token))) {
    throw new ConfigError('METRICS_TOKEN', 'must be at least 16 printable characters without spaces');
  }
  if (port && !token) throw new ConfigError('METRICS_PORT', 'needs METRICS_TOKEN (the bearer token scrapers send)');
  return { ...(token ? { metricsToken: token } : {}), ...(port ? { metricsPort: port } : {}) };
}

/** `true`/`false`, a hop count, or addresses/subnets/`loopback`, `linklocal`, `uniquelocal` (comma-separated). */
function trustProxy(env: Env, name: string): boolean | number | string {
  const raw = env[name]?.trim();
  if (!raw) return 'loopback';
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (/^\d+$/.test(raw)) return int(env, name, 0, 0, 20);
  const parts = raw.split(',').map((p) => p.trim());
  const ok = parts.every((p) => /^(loopback|linklocal|uniquelocal)$/.test(p) || /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(p));
  if (!ok) throw new ConfigError(name, 'must be true, false, a hop count, or comma-separated addresses/subnets (or loopback, linklocal, uniquelocal)');
  return raw;
}

function required(env: Env, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(name, 'is required');
  return value;
}

function url(env: Env, name: string, protocols: string[]): string {
  const value = required(env, name);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `is not a URL (expected ${protocols[0]}//host:port)`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => p + '//').join(' or ')}`);
  }
  if (!parsed.hostname) throw new ConfigError(name, 'has no host');
  return value;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function secret(env: Env, name: string): string {
  const value = required(env, name);
  if (value.length < 32) throw new ConfigError(name, 'must be at least 32 characters');
  return value;
}

function timeZone(env: Env, name: string, fallback: string): string {
  const value = env[name]?.trim() || fallback;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    throw new ConfigError(name, `is not an IANA time zone: "${value}"`);
  }
  return value;
}

function email(env: Env, name: string, fallback: string): string {
  const value = env[name]?.trim() || fallback;
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(value)) throw new ConfigError(name, `is not an email address: "${value}"`);
  return value;
}

function oneOf(env: Env, name: string, fallback: string, allowed: string[]): string {
  const value = env[name]?.trim() || fallback;
  if (!allowed.includes(value)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}`);
  return value;
}

/** Start-up failures end the process with one line, never a stack trace for a configuration mistake. */
export function failStartup(error: unknown): never {
  const line = error instanceof ConfigError ? `configuration error: ${error.message}` : `start-up failed: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(line + '\n');
  if (!(error instanceof ConfigError) && process.env.LOG_LEVEL === 'debug' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}

/** How plan documents are read (the API, and the import command that needs no other variable). */
export function planParseLimits(env: Env = process.env): Pick<AppConfig, 'planParseWorkers' | 'planParseTimeoutMs' | 'planParseWarm'> {
  return {
    planParseWorkers: int(env, 'PLAN_PARSE_WORKERS', 2, 1, 64),
    planParseTimeoutMs: int(env, 'PLAN_PARSE_TIMEOUT_MS', 20_000, 100, 600_000),
    planParseWarm: env.NODE_ENV !== 'test',
  };
}

/** For steps that need only the database (migrate, import): the same validation, one variable. */
export function databaseUrlFrom(env: Env = process.env): string {
  return url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
}
