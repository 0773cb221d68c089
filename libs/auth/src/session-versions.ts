import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuthRedis } from './auth-redis';

/** What a token must match: the user's current session version, and that it is not disabled. */
export interface SessionState {
  version: number;
  disabled: boolean;
}

/** An entry a replica holds without asking anyone; pub/sub normally drops it much sooner. */
const LOCAL_TTL_MS = 60_000;
/** Redis keeps the state about as long as an access token lives: a lost update heals by then. */
const REDIS_TTL_SECONDS = 15 * 60;

/**
 * The per-user session version checked on every request, without a PostgreSQL round trip:
 * an in-process map in front of Redis in front of PostgreSQL. A change (disable, role, scope,
 * password) is written to PostgreSQL by the caller, then `changed()` overwrites Redis and
 * publishes the user id, and every replica drops its local entry. A replica that lost its
 * subscription drops its whole map when it reconnects.
 */
@Injectable()
export class SessionVersions implements OnModuleInit {
  private readonly local = new Map<string, SessionState & { until: number }>();
  /** userId → tick of its last invalidation, so a read that raced an invalidation is not cached. */
  private readonly invalidated = new Map<string, number>();
  private tick = 0;

  constructor(
    private readonly em: EntityManager,
    private readonly redis: AuthRedis,
  ) {}

  onModuleInit(): void {
    this.redis.subscribe(this.redis.key('session-changed'), (userId) => this.forget(userId), () => this.local.clear());
  }

  async current(userId: string): Promise<SessionState | null> {
    const hit = this.local.get(userId);
    // monotonic enough for a cache lifetime; the clock of the domain is not involved
    const now = performance.now();
    if (hit && hit.until > now) return { version: hit.version, disabled: hit.disabled };
    const started = this.tick;
    const state = (await this.fromRedis(userId)) ?? (await this.fromDatabase(userId));
    if (state && (this.invalidated.get(userId) ?? -1) < started) this.local.set(userId, { ...state, until: now + LOCAL_TTL_MS });
    return state;
  }

  /** After the caller's transaction committed the new state: every replica sees it on its next request. */
  async changed(userId: string, state: SessionState): Promise<void> {
    await this.redis.commands.set(this.redis.key('session', userId), encode(state), 'EX', REDIS_TTL_SECONDS);
    // after the write: a read that started before it is not kept (see `current`)
    this.forget(userId);
    await this.redis.commands.publish(this.redis.key('session-changed'), userId);
  }

  private forget(userId: string): void {
    this.local.delete(userId);
    this.invalidated.set(userId, ++this.tick);
    if (this.invalidated.size > 10_000) this.invalidated.clear();
  }

  private async fromRedis(userId: string): Promise<SessionState | null> {
    const raw = await this.redis.commands.get(this.redis.key('session', userId));
    return raw ? decode(raw) : null;
  }

  private async fromDatabase(userId: string): Promise<SessionState | null> {
    const [row] = await this.em.getConnection().execute<Array<{ session_version: number; disabled: boolean }>>('select session_version, disabled from app_user where id = ?', [userId]);
    if (!row) return null;
    const state = { version: row.session_version, disabled: row.disabled };
    // NX: a change written meanwhile by `changed()` wins over this possibly older read
    await this.redis.commands.set(this.redis.key('session', userId), encode(state), 'EX', REDIS_TTL_SECONDS, 'NX');
    return state;
  }
}

const encode = (s: SessionState) => `${s.version}${s.disabled ? ':disabled' : ''}`;
const decode = (raw: string): SessionState => ({ version: Number(raw.split(':')[0]), disabled: raw.endsWith(':disabled') });
