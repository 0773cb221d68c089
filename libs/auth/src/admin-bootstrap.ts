import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { ensureAdmin } from './users';

/** ADMIN_EMAIL/ADMIN_PASSWORD: the first admin, created at start-up when no admin exists. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly log = new Logger('auth');

  constructor(
    private readonly orm: MikroORM,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) return;
    try {
      if (await ensureAdmin(this.orm.em.fork(), adminEmail, adminPassword)) this.log.log(`created the admin ${adminEmail}`);
    } catch (error) {
      // another replica starting at the same moment created it
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
    }
  }
}
