import { DomainError, isUuid } from '@duban/domain';
import type { Conditions } from './task-access';

export type TaskOrder = 'plan' | 'most_overdue';

/**
 * The sort keys of each order, the task id last so that no two rows tie: a keyset cursor is the
 * last row's key, and the next page is what sorts after it. Each key part with its SQL type.
 */
const KEYS: Record<TaskOrder, Array<[sql: string, type: KeyType]>> = {
  plan: [
    ['p.created_at', 'timestamptz'],
    ['p.id', 'uuid'],
    ['k.position', 'int'],
    ['t.position', 'int'],
    ['t.id', 'uuid'],
  ],
  most_overdue: [
    ['t.deadline', 'date'],
    ['p.created_at', 'timestamptz'],
    ['p.id', 'uuid'],
    ['k.position', 'int'],
    ['t.position', 'int'],
    ['t.id', 'uuid'],
  ],
};
type KeyType = 'date' | 'timestamptz' | 'uuid' | 'int';
type KeyValue = string | number;

/** Where a cursor resumes: after `key`, as page `page` of a listing whose first page counted `total`. */
export interface Cursor {
  order: TaskOrder;
  key: KeyValue[];
  page: number;
  total: number;
}

const TAG: Record<TaskOrder, string> = { plan: 'p', most_overdue: 'd' };
const CHECK: Record<KeyType, (v: unknown) => boolean> = {
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
  // as PostgreSQL's to_json writes it: ISO 8601 with microseconds and the offset
  timestamptz: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)$/.test(v),
  uuid: isUuid,
  int: (v) => Number.isSafeInteger(v),
};

/** Opaque to clients: base64url of the order, the key of the last row, the next page's number and the total. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([TAG[c.order], c.page, c.total, ...c.key])).toString('base64url');
}

/** A cursor made by `encodeCursor` for this order, or a 400 naming `cursor`. */
export function decodeCursor(text: string, order: TaskOrder): Cursor {
  const bad = (why: string) => DomainError.invalid('分页游标无效：请使用本列表上一页返回的 nextCursor', [{ field: 'cursor', message: why }]);
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad('须为本列表上一页返回的 nextCursor');
  }
  const keys = KEYS[order];
  if (!Array.isArray(parts)) throw bad('须为本列表上一页返回的 nextCursor');
  const [tag, page, total, ...key] = parts as unknown[];
  if (tag !== TAG[order] && Object.values(TAG).includes(tag as string)) throw bad('该游标属于另一个列表（排序不同）');
  if (tag !== TAG[order] || key.length !== keys.length) throw bad('须为本列表上一页返回的 nextCursor');
  if (!Number.isSafeInteger(page) || (page as number) < 2 || !Number.isSafeInteger(total) || (total as number) < 0) throw bad('游标已损坏');
  if (!keys.every(([, type], i) => CHECK[type](key[i]))) throw bad('游标已损坏');
  return { order, key: key as KeyValue[], page: page as number, total: total as number };
}

export interface PageSpec {
  /** The tasks listed (each `t.`), the caller's scope included. */
  where: Conditions;
  /**
   * The same scope on the plan (`p.`), when it has one (a coordinator's or an admin's list): the
   * page is then read plan by plan and key area by key area in order, each through an index,
   * and stops when it is full, whatever the size of the jurisdiction. Without it (a department's
   * list, the overdue review) the scope's rows are read and the page cut from them.
   */
  planWhere?: Conditions;
  order: TaskOrder;
  limit: number;
  offset: number;
  after?: KeyValue[];
  /**
   * Count the listing in the page's own scan (`total` on each row): where the page reads its whole
   * scope anyway (a department's list), a second statement would read it again.
   */
  windowTotal?: boolean;
}

/**
 * One statement for a page: the rows are cut first (scan, order, limit) reading the task, its
 * plan and key area only; the last report and the departments are then read for the page's rows.
 * Each row carries `sortKey`, the cursor's key. Placeholders are `?`, parameters in order.
 */
export interface Statement {
  sql: string;
  params: unknown[];
}

export function pageStatement(spec: PageSpec): Statement {
  const keys = KEYS[spec.order];
  const order = keys.map(([sql]) => sql).join(', ');
  const after = spec.after;
  const keyset = (n: number, op: '>' | '>=') => `(${keys.slice(0, n).map(([sql]) => sql).join(', ')}) ${op} (${keys.slice(0, n).map(([, type]) => `?::${type}`).join(', ')})`;
  const columns = `t.id, t.plan_id as "planId", p.title as "planTitle", t.key_area_id as "keyAreaId", k.title as section, t.position,
                t.title, t.kind, to_char(t.deadline, 'YYYY-MM-DD') as deadline, t.status, t.escalation_level as "escalationLevel",
                t.completed_at as "completedAt", t.version,
                t.deadline as s_deadline, p.created_at as s_created, p.id as s_plan, k.position as s_area,
                json_build_array(${order}) as "sortKey"${spec.windowTotal ? ', count(*) over () as total' : ''}`;
  const params: unknown[] = [];
  let cut: string;
  if (spec.planWhere && spec.order === 'plan') {
    // plans in order (plan_jurisdiction_order_idx), their key areas in order, each key area's
    // first rows by task_listed_idx: a page reads about its own rows, not the jurisdiction
    const outer = [String(spec.planWhere)];
    params.push(...spec.planWhere.params);
    if (after) {
      // the plan's part alone ranges over plan_jurisdiction_order_idx; the key area's skips its earlier areas
      outer.push(keyset(2, '>='), keyset(3, '>='));
      params.push(...after.slice(0, 2), ...after.slice(0, 3));
    }
    const inner = [`t.key_area_id = k.id`, `t.jurisdiction_id = p.jurisdiction_id`, String(spec.where)];
    const innerParams = [...spec.where.params];
    if (after) {
      inner.push(keyset(keys.length, '>'));
      innerParams.push(...after);
    }
    // the inner select's parameters come first in the text
    params.unshift(...innerParams, spec.limit + spec.offset);
    cut = `select ${columns}
           from plan p join key_area k on k.plan_id = p.id
           cross join lateral (select t.* from task t where ${inner.join(' and ')} order by t.position, t.id limit ?) t
          where ${outer.join(' and ')}
          order by ${order}
          limit ? offset ?`;
  } else {
    const where = [String(spec.where)];
    params.push(...spec.where.params);
    if (after) {
      // the first key part alone is what an index can range over (the overdue review's deadline)
      where.push(keyset(1, '>='), keyset(keys.length, '>'));
      params.push(after[0], ...after);
    }
    cut = `select ${columns}
           from task t join key_area k on k.id = t.key_area_id join plan p on p.id = t.plan_id
          where ${where.join(' and ')}
          order by ${order}
          limit ? offset ?`;
  }
  params.push(spec.limit, spec.offset);
  const pageOrder = (spec.order === 'most_overdue' ? 'page.s_deadline, ' : '') + 'page.s_created, page.s_plan, page.s_area, page.position, page.id';
  const department = (role: string) => `coalesce(json_agg(json_build_object('id', d.id, 'name', d.name) order by a.position, d.name) filter (where a.role = '${role}'), '[]'::json)`;
  const sql = `with page as (${cut})
       select page.*, (select max(r.created_at) from progress_report r where r.task_id = page.id) as "lastProgressAt", ds.lead, ds.co
         from page
         cross join lateral (select ${department('lead')} as lead, ${department('co')} as co
                               from assignment a join department d on d.id = a.department_id where a.task_id = page.id) ds
        order by ${pageOrder}`;
  return { sql, params };
}

/** The total of a listing: the same scope and filters, counted on an index where one covers them. */
export function countStatement(where: Conditions): Statement {
  return { sql: `select count(*)::int as total from task t where ${where}`, params: where.params };
}
