import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User } from './user.entity';

/**
 * A refresh token, stored only as a hash. Each use replaces it by a new one (rotation); using a
 * replaced token again means it leaked, and revokes every token of the user.
 */
@Entity({ tableName: 'refresh_token' })
@Index({ name: 'refresh_token_user_idx', properties: ['user'], where: 'revoked_at is null' })
export class RefreshToken {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => User)
  user!: User;

  @Property({ type: 'character', length: 64 })
  secretSha256!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  /** The user's session version at issue: a later version means the session was ended, not leaked. */
  @Property({ type: 'integer' })
  sessionVersion: Opt<number> = 0;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
