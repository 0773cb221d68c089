import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type Type } from '@nestjs/common';
import type { Job } from 'bullmq';
import { type JobResult, QUEUE_CONCURRENCY, QUEUES, type QueueName } from './catalogue';
import { JobDispatcher } from './job-dispatcher';

/** One BullMQ worker per queue, each handing its jobs to the dispatcher. */
function processorFor(queue: QueueName): Type<WorkerHost> {
  @Processor(queue, { concurrency: QUEUE_CONCURRENCY[queue] })
  class QueueProcessor extends WorkerHost {
    constructor(@Inject(JobDispatcher) private readonly dispatcher: JobDispatcher) {
      super();
    }

    process(job: Job): Promise<JobResult> {
      return this.dispatcher.dispatch(queue, job);
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue[0].toUpperCase()}${queue.slice(1)}QueueProcessor` });
  return QueueProcessor;
}

export const QUEUE_PROCESSORS = Object.values(QUEUES).map(processorFor);
