import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditLog } from '@duban/audit';
import { Clock } from '@duban/clock';
import { DomainError } from '@duban/domain';
import { RefreshToken, User } from '@duban/persistence';
import type { AuthUser, Role } from './permissions';
import { actorOf, assertManages, COORDINATOR_MANAGES } from './account-access';
import { assertJurisdiction, jurisdictionScopeOf } from './jurisdiction-scope';
import { PasswordService } from './password.service';
import { SessionVersions } from './session-versions';
import { assertPasswordPolicy } from './password-policy';
import { bind, createUser, type NewUser, normalizeEmail, type UserView, userView } from './users';

export interface UserFilter {
  role?: Role;
  jurisdictionId?: string;
  departmentId?: string;
  disabled?: boolean;
  /** Part of the email or display name. */
  q?: string;
}

export interface UserChange {
  disabled?: boolean;
  role?: Role;
  departmentId?: string;
  jurisdiction?: string;
  displayName?: string | null;
  phone?: string | null;
}

export interface UserPage {
  items: UserView[];
  total: number;
  page: number;
  pageSize: number;
}

/** Listing, creating and changing accounts; every change is audited and ends stale sessions. */
@Injectable()
export class UserAdmin {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly sessions: SessionVersions,
    private readonly passwords: PasswordService,
  ) {}

  async list(actor: AuthUser, filter: UserFilter, page = 1, pageSize = 50): Promise<UserPage> {
    const scope = jurisdictionScopeOf(actor);
    if (filter.jurisdictionId) assertJurisdiction(actor, filter.jurisdictionId);
    const where: Record<string, unknown> = {};
    if (scope ?? filter.jurisdictionId) where.jurisdiction = scope ?? filter.jurisdictionId;
    if (filter.role) where.role = filter.role;
    if (filter.departmentId) where.department = filter.departmentId;
    if (filter.disabled !== undefined) where.disabled = filter.disabled;
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.$or = [{ email: { $ilike: like } }, { displayName: { $ilike: like } }];
    }
    const [users, total] = await this.em.fork().findAndCount(User, where, {
      populate: ['jurisdiction', 'department'],
      orderBy: { createdAt: 'asc', email: 'asc' },
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: users.map(userView), total, page, pageSize };
  }

  /** Without a password the account gets a set-password link by mail (through the outbox, after commit). */
  async create(actor: AuthUser, input: Omit<NewUser, 'password'> & { password?: string }): Promise<User> {
    if (actor.role !== 'admin' && !COORDINATOR_MANAGES.includes(input.role)) throw DomainError.forbidden(`a coordinator creates department and observer accounts, not ${input.role} accounts`);
    if (input.password !== undefined) assertPasswordPolicy(input.password, normalizeEmail(input.email), 'password');
    const { user, outboxId } = await this.em.fork().transactional(async (em) => {
      // no password: an unguessable one nobody knows, hashed like any other (same login timing)
      const user = await createUser(em, { ...input, password: input.password ?? randomBytes(32).toString('base64url') });
      await em.populate(user, ['jurisdiction', 'department']);
      assertManages(actor, { role: user.role, jurisdictionId: user.jurisdiction?.id ?? null });
      const view = userView(user);
      const link = input.password === undefined ? await this.passwords.welcome(em, user, actor.id) : null;
      await this.audit.record({ ...actorOf(actor), jurisdictionId: view.jurisdictionId, action: 'user.created', targetType: 'user', targetId: user.id, details: { email: view.email, role: view.role, department: view.department?.name ?? null, setPasswordLinkSent: Boolean(link) } }, em);
      return { user, outboxId: link?.outboxId };
    });
    if (outboxId) await this.passwords.send(outboxId);
    return user;
  }

  async update(actor: AuthUser, id: string, change: UserChange): Promise<UserView> {
    const { view, session } = await this.em.fork().transactional(async (em) => {
      const user = await em.findOne(User, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!user) throw DomainError.notFound('user', id);
      await em.populate(user, ['jurisdiction', 'department']);
      const before = userView(user);
      assertManages(actor, before);
      if (user.id === actor.id && (change.disabled === true || (change.role && change.role !== user.role))) {
        throw DomainError.invalid('you cannot disable or demote your own account', [{ field: change.disabled ? 'disabled' : 'role', message: 'ask another administrator' }]);
      }

      const role = change.role ?? user.role;
      if (change.role !== undefined || change.departmentId !== undefined || change.jurisdiction !== undefined) {
        await bind(em, user, {
          role,
          departmentId: change.departmentId ?? (role === 'department' ? before.department?.id : undefined),
          jurisdiction: change.jurisdiction ?? (role !== 'department' ? (before.jurisdiction ?? undefined) : undefined),
        });
        user.role = role;
        await em.populate(user, ['jurisdiction', 'department']);
        // the account as it will be must still be one this actor may run
        assertManages(actor, { role: user.role, jurisdictionId: user.jurisdiction?.id ?? null });
      }
      if (change.disabled !== undefined) user.disabled = change.disabled;
      if (change.displayName !== undefined) user.displayName = change.displayName?.trim() || null;
      if (change.phone !== undefined) user.phone = change.phone?.trim() || null;

      const after = userView(user);
      const fields = (Object.keys(after) as Array<keyof UserView>).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
      if (!fields.length) return { view: after, session: null };
      const endsSessions = fields.some((f) => ['role', 'jurisdictionId', 'department', 'disabled'].includes(f));
      if (endsSessions) {
        user.sessionVersion += 1;
        await em.nativeUpdate(RefreshToken, { user: user.id, revokedAt: null }, { revokedAt: this.clock.now() });
      }
      await em.flush();
      const pick = (v: UserView) => Object.fromEntries(fields.map((f) => [f, v[f]]));
      await this.audit.record(
        { ...actorOf(actor), jurisdictionId: after.jurisdictionId ?? before.jurisdictionId, action: change.disabled === true && fields.includes('disabled') ? 'user.disabled' : 'user.updated', targetType: 'user', targetId: user.id, details: { email: user.email, before: pick(before), after: pick(after), sessionsEnded: endsSessions } },
        em,
      );
      return { view: after, session: endsSessions ? { version: user.sessionVersion, disabled: user.disabled } : null };
    });
    if (session) await this.sessions.changed(id, session);
    return view;
  }
}
