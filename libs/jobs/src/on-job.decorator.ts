import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobName, JobPayloads, JobResult } from './catalogue';

export const ON_JOB = 'duban:on-job';

/** What a handler of job `N` may look like: it takes that job's payload (and the BullMQ job). */
export type JobHandler<N extends JobName> = (payload: JobPayloads[N], job: Job) => Promise<JobResult>;

/**
 * Marks the one method that handles a job name; the dispatcher finds it at boot. The method's
 * payload parameter must be the catalogue's payload of that name: `@OnJob('summary.send')` on a
 * method taking `JobPayloads['mail.send']` does not compile.
 */
export function OnJob<N extends JobName>(name: N) {
  return <H extends JobHandler<N>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<H>): void => {
    SetMetadata(ON_JOB, name)(target, key, descriptor);
  };
}
