import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Jurisdiction } from './jurisdiction.entity';

@Entity({ tableName: 'department' })
@Unique({ properties: ['jurisdiction', 'nameKey'] })
export class Department {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Jurisdiction)
  jurisdiction!: Jurisdiction;

  /** As first written in a plan. */
  @Property({ type: 'text' })
  name!: string;

  /** The parser's normalized key of the name (width, spaces, brackets). */
  @Property({ type: 'text' })
  nameKey!: string;

  /** 各有关部门, 各市人民政府…: a holder that must be resolved to real departments by a coordinator. */
  @Property({ type: 'boolean' })
  isCollective: Opt<boolean> = false;

  @Property({ type: 'text[]', defaultRaw: `'{}'` })
  emails: Opt<string[]> = [];

  /** Set when a coordinator merged this department into another that is the same body. */
  @ManyToOne(() => Department, { nullable: true, deleteRule: 'no action' })
  mergedInto?: Department | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}

@Entity({ tableName: 'department_alias' })
@Unique({ properties: ['jurisdiction', 'aliasKey'] })
export class DepartmentAlias {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Jurisdiction)
  jurisdiction!: Jurisdiction;

  @Property({ type: 'text' })
  aliasKey!: string;

  @Property({ type: 'text' })
  alias!: string;

  @ManyToOne(() => Department)
  department!: Department;
}
