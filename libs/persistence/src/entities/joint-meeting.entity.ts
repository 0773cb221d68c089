import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Jurisdiction } from './jurisdiction.entity';

/** 联席会议: the body that oversees a jurisdiction's plans; its office coordinates. */
@Entity({ tableName: 'joint_meeting' })
export class JointMeeting {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Jurisdiction, { unique: true })
  jurisdiction!: Jurisdiction;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text[]', defaultRaw: `'{}'` })
  recipients: Opt<string[]> = [];

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
