import { SetMetadata } from '@nestjs/common';
import type { JobName } from './catalogue';

export const ON_JOB = 'duban:on-job';

/** Marks the one method that handles a job name; the dispatcher finds it at boot. */
export const OnJob = (name: JobName): MethodDecorator => SetMetadata(ON_JOB, name);
