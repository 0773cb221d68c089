import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditLog } from '@duban/audit';
import { DomainError } from '@duban/domain';
import { JointMeeting } from '@duban/persistence';
import { type Actor, assertInScope, jurisdictionScope } from './access';
import { emailList, isUuid } from './inputs';

export interface JointMeetingView {
  id: string;
  name: string;
  jurisdiction: string;
  jurisdictionId: string;
  recipients: string[];
}


/** Each jurisdiction's 联席会议 (created by its first plan import) and who receives its summary. */
@Injectable()
export class JointMeetingService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditLog,
  ) {}

  async list(actor: Actor): Promise<JointMeetingView[]> {
    const em = this.em.fork();
    const scope = await jurisdictionScope(em, actor);
    const meetings = await em.find(JointMeeting, scope ? { jurisdiction: scope } : {}, { populate: ['jurisdiction'], orderBy: { jurisdiction: { name: 'asc' } } });
    return meetings.map(view);
  }

  async setRecipients(actor: Actor, id: string, recipients: string[]): Promise<JointMeetingView> {
    const cleaned = emailList('recipients', recipients);
    return this.em.fork().transactional(async (em) => {
      const meeting = isUuid(id) ? await em.findOne(JointMeeting, id, { populate: ['jurisdiction'] }) : null;
      if (!meeting) throw DomainError.notFound('joint meeting', id);
      await assertInScope(em, actor, meeting.jurisdiction.id);
      const before = meeting.recipients;
      meeting.recipients = cleaned;
      await em.flush();
      await this.audit.record({ actorId: actor?.id, actorRole: actor?.role, actorEmail: actor?.email, jurisdictionId: meeting.jurisdiction.id, action: 'joint_meeting.recipients_changed', targetType: 'joint_meeting', targetId: meeting.id, details: { before, after: cleaned } }, em);
      return view(meeting);
    });
  }
}

function view(m: JointMeeting): JointMeetingView {
  return { id: m.id, name: m.name, jurisdiction: m.jurisdiction.name, jurisdictionId: m.jurisdiction.id, recipients: m.recipients };
}
