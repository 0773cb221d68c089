import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { JobQueues, SCHEDULERS } from '@duban/jobs';
import { Outbox } from './outbox';
import { Schedules } from './schedules';

/** At most this long between two checks, however long the sweep interval. */
const MAX_HEAL_MS = 60_000;

/**
 * Schedules that heal: the job schedulers live in Redis, and a Redis that lost its data (restart
 * without persistence, failover, FLUSHALL) loses them and every queued mail job. On a timer of
 * the worker's own (not a BullMQ job: those are what may be gone), every replica re-asserts the
 * schedulers (an upsert: a no-op when they exist) and re-queues the outbox rows that have no job
 * (Outbox.relay). So the system recovers within one sweep interval (at most a minute) of Redis
 * coming back, without a restart. A failing check (Redis or PostgreSQL down) is logged and retried
 * on the next tick.
 */
@Injectable()
export class ScheduleHealer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('schedules');
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly schedules: Schedules,
    private readonly outbox: Outbox,
    private readonly queues: JobQueues,
    private readonly orm: MikroORM,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = Math.min(this.config.sweepIntervalSeconds * 1000, MAX_HEAL_MS);
    this.timer = setInterval(() => void this.heal(), every);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One check; overlapping ticks (a slow outage) are skipped, not stacked. */
  async heal(): Promise<{ relayed: number } | undefined> {
    if (this.running) return undefined;
    this.running = true;
    try {
      const queue = this.queues.queue('notifications');
      const missing = [];
      for (const id of Object.values(SCHEDULERS)) if (!(await queue.getJobScheduler(id))) missing.push(id);
      await this.schedules.register({ quiet: true });
      if (missing.length) this.logger.warn(`job scheduler(s) ${missing.join(', ')} were gone from Redis: re-created`);
      const relayed = await RequestContext.create(this.orm.em, () => this.outbox.relay());
      if (relayed) this.logger.warn(`re-queued ${relayed} outbox row(s) that had no job`);
      return { relayed };
    } catch (error) {
      this.logger.warn(`schedule check failed, retried in the next tick: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    } finally {
      this.running = false;
    }
  }
}
