import { Controller, Get, HttpStatus, Inject, type OnModuleDestroy, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Response } from 'express';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { redisOptions } from '@duban/jobs';
import { Public } from '@duban/auth';

type Check = 'ok' | 'down';

/** Liveness and readiness in one: 200 when PostgreSQL and Redis answer, 503 otherwise. */
@ApiTags('health')
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    private readonly orm: MikroORM,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.redis = new Redis({ ...redisOptions(config.redisUrl), lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  }

  @Public()
  @Get()
  async health(@Res() res: Response): Promise<void> {
    const [postgres, redis] = await Promise.all([
      within(this.orm.em.getConnection().execute('select 1')),
      within(this.redis.ping()),
    ]);
    const status = postgres === 'ok' && redis === 'ok' ? 'ok' : 'down';
    res.status(status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status, checks: { postgres, redis } });
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}

async function within(probe: Promise<unknown>, ms = 2000): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Check>((resolve) => (timer = setTimeout(() => resolve('down'), ms)));
  try {
    return await Promise.race([probe.then((): Check => 'ok', (): Check => 'down'), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
