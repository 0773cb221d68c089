import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A province or city whose plans are tracked; everything else belongs to exactly one. */
@Entity({ tableName: 'jurisdiction' })
export class Jurisdiction {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'text', unique: true })
  name!: string;

  @Property({ type: 'text' })
  timezone: Opt<string> = 'Asia/Shanghai';

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
