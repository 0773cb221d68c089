import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { JOB_OPTIONS, JobQueues, SCHEDULERS } from '@duban/jobs';

/**
 * The worker's schedules as BullMQ job schedulers with fixed ids: every replica upserts the same
 * two at start, which changes nothing once they exist. The sweep also runs once at start.
 */
@Injectable()
export class Schedules implements OnApplicationBootstrap {
  private readonly logger = new Logger('schedules');

  constructor(
    private readonly queues: JobQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
    await this.queues.add('sweep.run', { trigger: 'startup' });
  }

  /** `quiet`: the healer's periodic re-assertion logs nothing when nothing changed. */
  async register(opts: { quiet?: boolean } = {}): Promise<void> {
    const queue = this.queues.queue('notifications');
    await queue.upsertJobScheduler(
      SCHEDULERS.sweep,
      { every: this.config.sweepIntervalSeconds * 1000 },
      { name: 'sweep.run', data: { trigger: 'schedule' }, opts: JOB_OPTIONS['sweep.run'] },
    );
    // every minute in the plans' zone: each joint meeting has its own summary time (default 20:00)
    await queue.upsertJobScheduler(SCHEDULERS.summaryFanout, { pattern: '0 * * * * *', tz: this.config.tzPlans }, { name: 'summary.fanout', data: {}, opts: JOB_OPTIONS['summary.fanout'] });
    if (!opts.quiet) this.logger.log(`schedulers: sweep every ${this.config.sweepIntervalSeconds} s, summary fan-out every minute (${this.config.tzPlans})`);
  }
}
