import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type Sample, stateGauge } from '@duban/observability';
import { JobQueues } from './job-queues';

/** Every state a BullMQ job can be in; all are reported, zero included, so a series never vanishes. */
const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

/**
 * Queue depths and job schedulers, read from Redis at scrape time. A schedulers gauge of 0 is a
 * lost schedule (Redis emptied): nothing will be swept until it is registered again.
 */
@Injectable()
export class QueueMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly unregister: Array<() => void> = [];

  constructor(private readonly queues: JobQueues) {}

  onModuleInit(): void {
    this.unregister.push(
      stateGauge({ name: 'duban_queue_jobs', help: 'Jobs in each BullMQ queue by state', labelNames: ['queue', 'state'], collect: () => this.depths() }),
      stateGauge({ name: 'duban_job_schedulers', help: 'Job schedulers registered per queue (sweep, summary fan-out)', labelNames: ['queue'], collect: () => this.schedulers() }),
    );
  }

  onModuleDestroy(): void {
    this.unregister.splice(0).forEach((off) => off());
  }

  private async depths(): Promise<Sample[]> {
    const perQueue = await Promise.all(
      this.queues.all().map(async (queue) => {
        const counts = await queue.getJobCounts(...STATES);
        return STATES.map((state) => ({ labels: { queue: queue.name, state }, value: counts[state] ?? 0 }));
      }),
    );
    return perQueue.flat();
  }

  private async schedulers(): Promise<Sample[]> {
    return Promise.all(this.queues.all().map(async (queue) => ({ labels: { queue: queue.name }, value: await queue.getJobSchedulersCount() })));
  }
}
