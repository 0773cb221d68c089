import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { correlationId } from '@duban/observability';
import { JOB_OPTIONS, JOB_QUEUE, type JobMeta, type JobName, type JobPayloads, QUEUES, type QueueName } from './catalogue';

/** The typed producer: callers name a job from the catalogue; its queue and options follow. */
@Injectable()
export class JobQueues {
  private readonly queues: Record<QueueName, Queue>;

  constructor(@InjectQueue(QUEUES.notifications) notifications: Queue, @InjectQueue(QUEUES.mail) mail: Queue) {
    this.queues = { notifications, mail };
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  all(): Queue[] {
    return Object.values(this.queues);
  }

  async add<N extends JobName>(name: N, data: JobPayloads[N], opts: Pick<JobsOptions, 'jobId' | 'delay'> = {}): Promise<void> {
    await this.queues[JOB_QUEUE[name]].add(name, withMeta(data), { ...JOB_OPTIONS[name], ...opts });
  }

  async addBulk<N extends JobName>(name: N, jobs: Array<{ data: JobPayloads[N]; jobId?: string }>): Promise<void> {
    if (!jobs.length) return;
    await this.queues[JOB_QUEUE[name]].addBulk(jobs.map((j) => ({ name, data: withMeta(j.data), opts: { ...JOB_OPTIONS[name], jobId: j.jobId } })));
  }
}

/** The caller's correlation id travels with the job. */
function withMeta<T extends object>(data: T): T & JobMeta {
  const id = correlationId();
  return id ? { ...data, correlationId: id } : data;
}
