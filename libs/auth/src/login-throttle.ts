import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { DomainError } from '@duban/domain';
import { redisOptions } from '@duban/jobs';

const WINDOW_SECONDS = 15 * 60;
/** Failed logins allowed per window: for one account from one address, and for one address overall. */
const MAX_PER_ACCOUNT = 10;
const MAX_PER_ADDRESS = 100;

/**
 * Counts failed logins in Redis so that every API replica shares the count. A blocked caller is
 * refused before its password is checked, so guessing on cannot succeed inside the window.
 */
@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new Redis({ ...redisOptions(config.redisUrl), maxRetriesPerRequest: 2, lazyConnect: true });
  }

  async check(email: string, ip: string): Promise<void> {
    const [account, address] = await this.redis.mget(...keys(email, ip));
    if (Number(account) >= MAX_PER_ACCOUNT || Number(address) >= MAX_PER_ADDRESS) {
      const retryAfterSeconds = Math.max(1, await this.redis.ttl(keys(email, ip)[Number(account) >= MAX_PER_ACCOUNT ? 0 : 1]));
      throw new DomainError('rate_limited', 'too many failed logins; try again later', { retryAfterSeconds });
    }
  }

  async failed(email: string, ip: string): Promise<void> {
    const tx = this.redis.multi();
    for (const key of keys(email, ip)) tx.incr(key).expire(key, WINDOW_SECONDS, 'NX');
    await tx.exec();
  }

  async succeeded(email: string, ip: string): Promise<void> {
    await this.redis.del(keys(email, ip)[0]);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

function keys(email: string, ip: string): [string, string] {
  const account = createHash('sha256').update(email).digest('hex').slice(0, 32);
  return [`duban:login-fail:${account}:${ip}`, `duban:login-fail:ip:${ip}`];
}
