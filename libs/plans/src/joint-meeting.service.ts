import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
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
  constructor(private readonly em: EntityManager) {}

  async list(actor: Actor): Promise<JointMeetingView[]> {
    const em = this.em.fork();
    const scope = await jurisdictionScope(em, actor);
    const meetings = await em.find(JointMeeting, scope ? { jurisdiction: scope } : {}, { populate: ['jurisdiction'], orderBy: { jurisdiction: { name: 'asc' } } });
    return meetings.map(view);
  }

  async setRecipients(actor: Actor, id: string, recipients: string[]): Promise<JointMeetingView> {
    const cleaned = emailList('recipients', recipients);
    const em = this.em.fork();
    const meeting = isUuid(id) ? await em.findOne(JointMeeting, id, { populate: ['jurisdiction'] }) : null;
    if (!meeting) throw DomainError.notFound('joint meeting', id);
    await assertInScope(em, actor, meeting.jurisdiction.id);
    meeting.recipients = cleaned;
    await em.flush();
    return view(meeting);
  }
}

function view(m: JointMeeting): JointMeetingView {
  return { id: m.id, name: m.name, jurisdiction: m.jurisdiction.name, jurisdictionId: m.jurisdiction.id, recipients: m.recipients };
}
