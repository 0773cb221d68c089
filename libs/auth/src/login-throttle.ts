import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditLog } from '@duban/audit';
import { DomainError } from '@duban/domain';
import { AuthRedis } from './auth-redis';

const WINDOW_SECONDS = 15 * 60;
/** Attempts per window for one account from one address, for one account overall, from one address overall. */
export const LOGIN_LIMITS = { accountAddress: 10, account: 50, address: 300 } as const;
const SCOPES = ['account', 'account_address', 'address'] as const;

/**
 * Takes one attempt from every counter, or none if one is spent, in one step: two replicas (or
 * 300 parallel requests) cannot both see "9 of 10" and both go on to check a password.
 * Returns {scope index, seconds left, whether this is the window's first refusal}.
 */
const TAKE = `
for i = 1, 3 do
  local n = tonumber(redis.call('GET', KEYS[i]) or '0')
  if n >= tonumber(ARGV[i + 1]) then
    local ttl = redis.call('TTL', KEYS[i])
    local first = redis.call('SET', KEYS[i] .. ':locked', '1', 'EX', ARGV[1], 'NX')
    return {i, ttl, first and 1 or 0}
  end
end
for i = 1, 3 do
  redis.call('INCR', KEYS[i])
  redis.call('EXPIRE', KEYS[i], ARGV[1], 'NX')
end
return {0, 0, 0}`;

/**
 * A successful login gives back what this account spent from this address, to the account's
 * and the address's counters too: an office behind one NAT address is not locked out by its
 * own people signing in, while an attacker's failures on other accounts stay counted.
 */
const REFUND = `
local n = tonumber(redis.call('GET', KEYS[2]) or '0')
redis.call('DEL', KEYS[2], KEYS[2] .. ':locked')
if n > 0 then
  for _, k in ipairs({KEYS[1], KEYS[3]}) do
    if redis.call('EXISTS', k) == 1 and redis.call('DECRBY', k, n) <= 0 then redis.call('DEL', k) end
  end
end
return n`;

/**
 * Login attempts, counted in Redis so that every API replica shares the count, and taken
 * before the password is checked: a caller over the limit never gets a password compared.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly redis: AuthRedis,
    private readonly audit: AuditLog,
  ) {}

  /** Throws 429 (with `retryAfterSeconds`) when a counter is spent; the first refusal of a window is audited. */
  async take(email: string, ip: string): Promise<void> {
    const [scope, ttl, first] = (await this.redis.commands.eval(TAKE, 3, ...this.keys(email, ip), WINDOW_SECONDS, LOGIN_LIMITS.account, LOGIN_LIMITS.accountAddress, LOGIN_LIMITS.address)) as [number, number, number];
    if (!scope) return;
    const retryAfterSeconds = Math.max(1, ttl);
    if (first) await this.audit.record({ action: 'auth.locked_out', targetType: 'login', targetId: email, details: { email, ip, scope: SCOPES[scope - 1], retryAfterSeconds } });
    throw new DomainError('rate_limited', '登录尝试次数过多，请稍后再试', { retryAfterSeconds });
  }

  async succeeded(email: string, ip: string): Promise<void> {
    await this.redis.commands.eval(REFUND, 3, ...this.keys(email, ip));
  }

  private keys(email: string, ip: string): [string, string, string] {
    const account = createHash('sha256').update(email).digest('hex').slice(0, 32);
    return [this.redis.key('login', 'account', account), this.redis.key('login', 'account-address', account, ip), this.redis.key('login', 'address', ip)];
  }
}
