import { randomUUID } from 'node:crypto';
import type { Role } from '@duban/domain';
import type { Opt } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Department } from './department.entity';
import { Jurisdiction } from './jurisdiction.entity';


@Entity({ tableName: 'app_user' })
@Index({ name: 'app_user_department_idx', properties: ['department'], where: 'department_id is not null' })
@Check({ name: 'app_user_role_check', expression: "role in ('admin', 'coordinator', 'department', 'observer')" })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'text', unique: true })
  email!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Property({ type: 'text' })
  role!: Role;

  @ManyToOne(() => Jurisdiction, { nullable: true, deleteRule: 'no action' })
  jurisdiction?: Jurisdiction | null;

  @ManyToOne(() => Department, { nullable: true, deleteRule: 'no action' })
  department?: Department | null;

  @Property({ type: 'boolean' })
  disabled: Opt<boolean> = false;

  /** Carried by access tokens; raised on disable, role or scope change and password change, which refuses older tokens. */
  @Property({ type: 'integer' })
  sessionVersion: Opt<number> = 0;

  @Property({ type: 'text', nullable: true })
  displayName?: string | null;

  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
