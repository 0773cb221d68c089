import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '@duban/clock';

/** One audited action. Everything but `action` is optional: a failed login has no known actor. */
export interface AuditEntry {
  actorId?: string | null;
  actorRole?: string | null;
  actorEmail?: string | null;
  /** Whose data this touches: a coordinator of that jurisdiction sees the entry. */
  jurisdictionId?: string | null;
  /** Dotted, stable, e.g. `user.disabled`, `department.emails_changed`, `auth.login_failed`. */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  /** Small JSON: before/after values, a reason, the caller's address. Never a secret. */
  details?: Record<string, unknown>;
  /** Defaults to the injected clock's now. */
  at?: Date;
}

export interface AuditRecord {
  id: string;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  actorEmail: string | null;
  jurisdictionId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  /** null: every jurisdiction (admin); otherwise only that jurisdiction's entries. */
  scope: string | null;
  /** Exact action, or a prefix ending in `.` / `*` (e.g. `user.` or `auth.*`). */
  action?: string;
  targetType?: string;
  targetId?: string;
  actorId?: string;
  jurisdictionId?: string;
  from?: Date;
  to?: Date;
}

export interface AuditPage {
  items: AuditRecord[];
  total: number;
  page: number;
  pageSize: number;
}

const COLUMNS = `id::text, at, actor_id as "actorId", actor_role as "actorRole", actor_email as "actorEmail", jurisdiction_id as "jurisdictionId",
  action, target_type as "targetType", target_id as "targetId", details`;

/**
 * The append-only audit log. `record` writes through the entity manager it is given, so the entry
 * commits or rolls back with the caller's own change; without one it uses the current context's.
 */
@Injectable()
export class AuditLog {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry, em: EntityManager = this.em): Promise<void> {
    await em.execute(
      `insert into audit_log (at, actor_id, actor_role, actor_email, jurisdiction_id, action, target_type, target_id, details) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        entry.at ?? this.clock.now(),
        entry.actorId ?? null,
        entry.actorRole ?? null,
        entry.actorEmail ?? null,
        entry.jurisdictionId ?? null,
        entry.action,
        entry.targetType ?? null,
        entry.targetId ?? null,
        JSON.stringify(entry.details ?? {}),
      ],
      'run',
    );
  }

  /** Newest first. */
  async page(filter: AuditFilter, page = 1, pageSize = 50): Promise<AuditPage> {
    const { where, params } = conditions(filter);
    const [{ total }] = await this.em.execute<{ total: number }[]>(`select count(*)::int as total from audit_log where ${where}`, params);
    const items = total ? await this.rows(where, params, pageSize, (page - 1) * pageSize) : [];
    return { items, total, page, pageSize };
  }

  /** Every matching entry, oldest first, a batch at a time (keyset paging), for streaming exports. */
  async *stream(filter: AuditFilter, batch = 1000): AsyncGenerator<AuditRecord> {
    const { where, params } = conditions(filter);
    let after = '0';
    for (;;) {
      const rows = await this.em.execute<AuditRecord[]>(`select ${COLUMNS} from audit_log where ${where} and id > ? order by id limit ?`, [...params, after, batch]);
      for (const row of rows) yield shape(row);
      if (rows.length < batch) return;
      after = rows[rows.length - 1].id;
    }
  }

  private async rows(where: string, params: unknown[], limit: number, offset: number): Promise<AuditRecord[]> {
    const rows = await this.em.execute<AuditRecord[]>(`select ${COLUMNS} from audit_log where ${where} order by id desc limit ? offset ?`, [...params, limit, offset]);
    return rows.map(shape);
  }
}

function conditions(filter: AuditFilter): { where: string; params: unknown[] } {
  const parts: string[] = ['true'];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    parts.push(sql);
    params.push(value);
  };
  if (filter.scope !== null) add('jurisdiction_id = ?', filter.scope);
  if (filter.jurisdictionId) add('jurisdiction_id = ?', filter.jurisdictionId);
  if (filter.action) {
    const prefix = /[.*]$/.test(filter.action) ? filter.action.replace(/\*$/, '') : null;
    if (prefix !== null) add(`starts_with(action, ?)`, prefix);
    else add('action = ?', filter.action);
  }
  if (filter.targetType) add('target_type = ?', filter.targetType);
  if (filter.targetId) add('target_id = ?', filter.targetId);
  if (filter.actorId) add('actor_id = ?', filter.actorId);
  if (filter.from) add('at >= ?', filter.from);
  if (filter.to) add('at < ?', filter.to);
  return { where: parts.join(' and '), params };
}

function shape(row: Omit<AuditRecord, 'at'> & { at: unknown }): AuditRecord {
  const at = row.at instanceof Date ? row.at.toISOString() : new Date(String(row.at)).toISOString();
  return { ...row, at, details: typeof row.details === 'string' ? JSON.parse(row.details) : (row.details ?? {}) };
}
