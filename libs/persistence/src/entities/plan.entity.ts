import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Jurisdiction } from './jurisdiction.entity';

export type PlanStatus = 'draft' | 'published';

@Entity({ tableName: 'plan' })
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

  @Property({ type: 'int[]' })
  targetYears: Opt<number[]> = [];

  @Property({ type: 'text', nullable: true })
  sourceName?: string | null;

  @Property({ type: 'text', lazy: true })
  sourceText!: string;

  /** Posting the same text twice must find the first import: unique in the database. */
  @Property({ type: 'character', length: 64, unique: true })
  sourceSha256!: string;

  @Property({ type: 'int' })
  version: Opt<number> = 1;

  @ManyToOne(() => Plan, { nullable: true })
  previousVersion?: Plan | null;

  @ManyToOne(() => Plan, { nullable: true })
  supersededBy?: Plan | null;

  @Property({ type: 'uuid', nullable: true })
  createdById?: string | null;

  /** A draft's tasks are seen by the coordinators only and chased by nobody until it is published. */
  @Property({ type: 'text' })
  status: Opt<PlanStatus> = 'published';

  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  publishedById?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}

@Entity({ tableName: 'key_area' })
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
