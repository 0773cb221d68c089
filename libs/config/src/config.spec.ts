import { ConfigError, loadConfig, redisConnection } from './config';

const base = {
  DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/duban',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  JWT_SECRET: 'x'.repeat(32),
};

describe('loadConfig', () => {
  it('reads the contract variables with their defaults', () => {
    const config = loadConfig(base, { jwtSecret: true });
    expect(config).toMatchObject({ port: 3000, tzPlans: 'Asia/Shanghai', mailFrom: 'duban@localhost', sweepIntervalSeconds: 900, publicUrl: 'http://127.0.0.1:3000' });
    expect(loadConfig({ ...base, PUBLIC_URL: 'https://duban.qh.gov.cn/' }).publicUrl).toBe('https://duban.qh.gov.cn');
  });

  it('holds the process settings that used to be read where they were used: log level, console folder, parse-worker warm-up', () => {
    expect(loadConfig(base)).toMatchObject({ logLevel: 'info', planParseWarm: true });
    expect(loadConfig(base).consoleDir).toBeUndefined();
    expect(loadConfig({ ...base, LOG_LEVEL: 'warn', DUBAN_CONSOLE_DIR: ' /srv/console ', NODE_ENV: 'test' })).toMatchObject({ logLevel: 'warn', consoleDir: '/srv/console', planParseWarm: false });
    expect(() => loadConfig({ ...base, LOG_LEVEL: 'loud' })).toThrow('LOG_LEVEL must be one of');
  });

  it.each([
    [{ DATABASE_URL: undefined }, 'DATABASE_URL is required'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL must start with postgres:// or postgresql://'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL is not a URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL must start with smtp:// or smtps://'],
    [{ PORT: '80a' }, 'PORT must be a whole number'],
    [{ PORT: '70000' }, 'PORT must be between 1 and 65535'],
    [{ JWT_SECRET: undefined }, 'JWT_SECRET is required'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters'],
    [{ TZ_PLANS: 'Mars/Olympus' }, 'TZ_PLANS is not an IANA time zone'],
    [{ MAIL_FROM: 'nobody' }, 'MAIL_FROM is not an email address'],
    [{ SWEEP_INTERVAL_SECONDS: '0' }, 'SWEEP_INTERVAL_SECONDS must be between'],
    [{ PUBLIC_URL: 'ftp://duban' }, 'PUBLIC_URL must start with http:// or https://'],
    [{ ADMIN_EMAIL: 'a@b.c' }, 'ADMIN_PASSWORD is required'],
    [{ ADMIN_EMAIL: 'a@b.c', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD must be at least 12 characters'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN must be at least 16'],
    [{ METRICS_TOKEN: 'has a space in it, sixteen+' }, 'METRICS_TOKEN must be at least 16 printable characters without spaces'],
    [{ METRICS_PORT: '9464' }, 'METRICS_PORT needs METRICS_TOKEN'],
    [{ METRICS_PORT: '0', METRICS_TOKEN: 'm'.repeat(16) }, 'METRICS_PORT must be between 1 and 65535'],
    [{ TRUST_PROXY: 'everyone' }, 'TRUST_PROXY must be true, false, a hop count'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL must start with http:// or https://'],
    [{ OIDC_CLIENT_ID: 'duban' }, 'OIDC_ISSUER is required'],
    [{ OIDC_ISSUER: 'https://idp.example.org', OIDC_CLIENT_ID: 'duban' }, 'OIDC_CLIENT_SECRET is required'],
  ])('fails on %p with one line naming the variable', (patch, message) => {
    const env = { ...base, ...patch };
    expect(() => loadConfig(env, { jwtSecret: true })).toThrow(ConfigError);
    expect(() => loadConfig(env, { jwtSecret: true })).toThrow(message);
  });

  it('serves metrics only with a token: off by default, the worker listens only when METRICS_PORT is set', () => {
    expect(loadConfig(base)).not.toHaveProperty('metricsToken');
    expect(loadConfig({ ...base, METRICS_TOKEN: 'm'.repeat(16) })).toMatchObject({ metricsToken: 'm'.repeat(16) });
    expect(loadConfig({ ...base, METRICS_TOKEN: 'm'.repeat(16), METRICS_PORT: '9464' })).toMatchObject({ metricsPort: 9464 });
  });

  it('reads TRUST_PROXY, PUBLIC_URL and the optional OIDC settings', () => {
    expect(loadConfig(base)).toMatchObject({ trustProxy: 'loopback', publicUrl: 'http://127.0.0.1:3000' });
    expect(loadConfig(base).oidc).toBeUndefined();
    expect(loadConfig({ ...base, TRUST_PROXY: '1', PUBLIC_URL: 'https://duban.example.org/' })).toMatchObject({ trustProxy: 1, publicUrl: 'https://duban.example.org' });
    expect(loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toBe('10.0.0.0/8, loopback');
    const oidc = { OIDC_ISSUER: 'https://idp.example.org', OIDC_CLIENT_ID: 'duban', OIDC_CLIENT_SECRET: 's3cret' };
    expect(loadConfig({ ...base, ...oidc }).oidc).toEqual({ issuer: 'https://idp.example.org', clientId: 'duban', clientSecret: 's3cret' });
  });

  it('reads the queue prefix and the plan reading limits, refusing bad ones by name', () => {
    expect(loadConfig(base)).toMatchObject({ queuePrefix: 'duban', planParseWorkers: 2, planParseTimeoutMs: 20_000 });
    expect(loadConfig({ ...base, QUEUE_PREFIX: 't1', PLAN_PARSE_WORKERS: '4', PLAN_PARSE_TIMEOUT_MS: '4000' })).toMatchObject({ queuePrefix: 't1', planParseWorkers: 4, planParseTimeoutMs: 4000 });
    expect(() => loadConfig({ ...base, QUEUE_PREFIX: 'a b' })).toThrow(/QUEUE_PREFIX/);
    expect(() => loadConfig({ ...base, PLAN_PARSE_WORKERS: '0' })).toThrow(/PLAN_PARSE_WORKERS/);
  });

  it('parses REDIS_URL into connection options', () => {
    expect(redisConnection('rediss://u%40x:p%3Aw@cache:6380/2')).toEqual({ host: 'cache', port: 6380, username: 'u@x', password: 'p:w', db: 2, tls: {} });
  });

  it('does not need JWT_SECRET in the worker', () => {
    expect(loadConfig({ ...base, JWT_SECRET: undefined }).jwtSecret).toBe('');
  });
});
