import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Jurisdiction } from './jurisdiction.entity';
import { User } from './user.entity';

export type PlanStatus = 'draft' | 'published';

@Entity({ tableName: 'plan' })
@Index({ name: 'plan_jurisdiction_idx', properties: ['jurisdiction'] })
@Check({ name: 'plan_status_check', expression: "status in ('draft', 'published')" })
export class Plan {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Jurisdiction)
  jurisdiction!: Jurisdiction;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  issuer?: string | null;

  @Property({ type: 'text', nullable: true })
  docNumber?: string | null;

  @Property({ type: 'date', nullable: true })
  issuedOn?: string | null;

  @Property({ type: 'int[]', defaultRaw: `'{}'` })
  targetYears: Opt<number[]> = [];

  @Property({ type: 'text', nullable: true })
  sourceName?: string | null;

  @Property({ type: 'text', lazy: true })
  sourceText!: string;

  /** Posting the same text twice must find the first import: unique in the database. */
  @Property({ type: 'character', length: 64, unique: true })
  sourceSha256!: string;

  /**
   * 1, 2, … for each revision of the same plan (column and API field `version`). Named apart from
   * `Task.version`, which is a task's lock counter (its ETag), not a revision.
   */
  @Property({ type: 'int', fieldName: 'version' })
  revision: Opt<number> = 1;

  /** The revision this one replaced (column `previous_version_id`, API `previousVersionId`). */
  @ManyToOne(() => Plan, { nullable: true, deleteRule: 'no action', fieldName: 'previous_version_id' })
  previousRevision?: Plan | null;

  @ManyToOne(() => Plan, { nullable: true, deleteRule: 'no action' })
  supersededBy?: Plan | null;

  @Property({ type: 'uuid', nullable: true })
  createdById?: string | null;

  /** A draft's tasks are seen by the coordinators only and chased by nobody until it is published. */
  @Property({ type: 'text' })
  status: Opt<PlanStatus> = 'published';

  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date | null;

  /** The user's id only (the relation is never loaded). */
  @ManyToOne(() => User, { nullable: true, mapToPk: true, fieldName: 'published_by_id', deleteRule: 'no action' })
  publishedById?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}

@Entity({ tableName: 'key_area' })
@Unique({ properties: ['plan', 'position'] })
export class KeyArea {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Plan)
  plan!: Plan;

  @Property({ type: 'int' })
  position!: number;

  @Property({ type: 'text' })
  title!: string;
}
