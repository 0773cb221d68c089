import { Controller, Get, HttpStatus, Inject, type OnModuleDestroy, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Response } from 'express';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig, redisConnection } from '@duban/config';
import { Public } from '@duban/auth';
import { CalendarGaps, calendarGapWarning } from '@duban/notifications';

type Check = 'ok' | 'down';

/**
 * Liveness and readiness in one: 200 when PostgreSQL and Redis answer, 503 naming the part that
 * is down otherwise. `details` carries warnings that do not make the service unready (a year of
 * open deadlines without a holiday arrangement).
 */
@ApiTags('health')
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    private readonly orm: MikroORM,
    private readonly calendar: CalendarGaps,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // no offline queue: a ping while Redis is down fails at once instead of waiting for it
    this.redis = new Redis({ ...redisConnection(config.redisUrl), lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000, enableOfflineQueue: false });
    this.redis.on('error', () => undefined);
  }

  @Public()
  @Get()
  async health(@Res() res: Response): Promise<void> {
    if (this.redis.status === 'wait') await this.redis.connect().catch(() => undefined);
    const [postgres, redis] = await Promise.all([within(this.orm.em.getConnection().execute('select 1')), within(this.redis.ping())]);
    const status = postgres === 'ok' && redis === 'ok' ? 'ok' : 'down';
    const down = [postgres === 'down' ? 'postgres' : null, redis === 'down' ? 'redis' : null].filter(Boolean);
    // the last answer, refreshed in the background: the scan of open deadlines never slows /health
    const years = postgres === 'ok' ? this.calendar.peek() : undefined;
    const details: Record<string, unknown> = {};
    if (down.length) details.down = down;
    if (years?.length) details.calendar = { status: 'warning', yearsWithoutData: years, message: calendarGapWarning(years) };
    res.status(status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status, checks: { postgres, redis }, details });
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}

async function within(probe: Promise<unknown>, ms = 2000): Promise<Check> {
  return (await withinValue(probe.then((): Check => 'ok'), ms)) ?? 'down';
}

async function withinValue<T>(probe: Promise<T>, ms = 2000): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([probe.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
