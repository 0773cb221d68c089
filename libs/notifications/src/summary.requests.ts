import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { assertJurisdiction, type AuthUser } from '@duban/auth';
import { Clock } from '@duban/clock';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { DomainError, localDateTime, isUuid } from '@duban/domain';
import { jobIds, JobQueues } from '@duban/jobs';

/** `POST /api/joint-meetings/{id}/summary`: the same mail as the nightly one, queued now. */
@Injectable()
export class SummaryRequests {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly queues: JobQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async request(jointMeetingId: string, user: AuthUser): Promise<{ jobId: string }> {
    if (!isUuid(jointMeetingId)) throw DomainError.notFound('joint meeting', jointMeetingId);
    const [meeting] = await this.em.execute<Array<{ id: string; jurisdiction_id: string }>>('select id, jurisdiction_id from joint_meeting where id = ?', [jointMeetingId]);
    if (!meeting) throw DomainError.notFound('joint meeting', jointMeetingId);
    assertJurisdiction(user, meeting.jurisdiction_id, 'this joint meeting belongs to another jurisdiction');
    const { date, time } = localDateTime(this.clock.now(), this.config.tzPlans);
    // a double click within the same minute is the same request: one mail
    const requestId = `${date}T${time.replace(':', '')}`;
    const jobId = jobIds.summaryNow(meeting.id, requestId);
    await this.queues.add('summary.send', { jointMeetingId: meeting.id, localDate: date, requestId }, { jobId });
    return { jobId };
  }
}
