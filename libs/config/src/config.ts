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
  /** Where people open the web console; mails link to it. */
  publicUrl: string;
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
    publicUrl: (env.PUBLIC_URL?.trim() ? url(env, 'PUBLIC_URL', ['http:', 'https:']) : 'http://127.0.0.1:3000').replace(/\/+$/, ''),
  };
  const adminEmail = env.ADMIN_EMAIL?.trim();
  const adminPassword = env.ADMIN_PASSWORD;
  if (adminEmail || adminPassword) {
    if (!adminEmail) throw new ConfigError('ADMIN_EMAIL', 'is required when ADMIN_PASSWORD is set');
    if (!adminPassword) throw new ConfigError('ADMIN_PASSWORD', 'is required when ADMIN_EMAIL is set');
    config.adminEmail = email(env, 'ADMIN_EMAIL', '');
    if (adminPassword.length < 12) throw new ConfigError('ADMIN_PASSWORD', 'must be at least 12 characters');
    config.adminPassword = adminPassword;
  }
  return config;
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

/** For steps that need only the database (migrate, import): the same validation, one variable. */
export function databaseUrlFrom(env: Env = process.env): string {
  return url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
}
