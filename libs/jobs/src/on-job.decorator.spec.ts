import type { JobPayloads, JobResult } from './catalogue';
import { ON_JOB, OnJob } from './on-job.decorator';

class Handlers {
  @OnJob('summary.send')
  async send({ jointMeetingId }: JobPayloads['summary.send']): Promise<JobResult> {
    return jointMeetingId ? 'success' : 'skipped';
  }

  // the payload of another job does not compile (tsc checks this file with the rest)
  // @ts-expect-error mail.send's payload on a summary.send handler
  @OnJob('summary.send')
  async wrong(_: JobPayloads['mail.send']): Promise<JobResult> {
    return 'success';
  }
}

describe('@OnJob', () => {
  it('records the job name on the handler for the dispatcher', () => {
    expect(Reflect.getMetadata(ON_JOB, Handlers.prototype.send)).toBe('summary.send');
  });
});
