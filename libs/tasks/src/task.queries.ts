import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@duban/auth';
import { Clock } from '@duban/clock';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { addDays, allowedActions, daysOverdue, type LocalDate, localDate } from '@duban/domain';
import { type AssignmentRole, preparedQuery } from '@duban/persistence';
import { Conditions, placeholders, planScopeCondition, scopeCondition, taskInScope } from './task-access';
import { countStatement, type Cursor, decodeCursor, encodeCursor, type PageSpec, pageStatement, type Statement, type TaskOrder } from './task-page';
import { type DepartmentRef, type ExtensionView, iso, type ProgressView, type TaskDetail, type TaskItem, type TaskPage } from './task.views';

export type { TaskOrder } from './task-page';

export interface TaskFilter {
  planId?: string;
  departmentId?: string;
  keyAreaId?: string;
  status?: string[];
  overdue?: boolean;
  minDaysOverdue?: number;
  /** Include tasks of draft plans (a coordinator reviewing one); lists, reviews and exports leave them out. */
  drafts?: boolean;
}

/** Rows per query of an export: an export streams every row, a batch at a time. */
const EXPORT_BATCH = 1000;

/** A task as the list query returns it, before overdue days are added. */
type PageRow = Omit<TaskItem, 'lead' | 'co' | 'overdue' | 'daysOverdue' | 'lastProgressAt' | 'completedAt'> & {
  lastProgressAt: Date | string | null;
  completedAt: Date | string | null;
  lead: DepartmentRef[] | string;
  co: DepartmentRef[] | string;
  sortKey: Array<string | number>;
  total?: number | string;
  s_deadline: unknown;
  s_created: unknown;
  s_plan: unknown;
  s_area: unknown;
};

/** json columns arrive parsed from pg; a driver that leaves them as text gets them parsed here. */
const parsed = (value: DepartmentRef[] | string): DepartmentRef[] => (typeof value === 'string' ? JSON.parse(value) : value);

/** Reads of tasks as the API shows them; every list is scoped to what the caller may see. */
@Injectable()
export class TaskQueries {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Today as a date in the plans' zone: deadlines are read there. */
  today(): LocalDate {
    // the date changes only on a minute boundary (zone offsets are whole minutes); formatting
    // an instant in a zone costs ~0.1 ms, twice per page otherwise
    const minute = Math.floor(this.clock.now().getTime() / 60_000);
    if (this.todayMemo?.minute !== minute) this.todayMemo = { minute, date: localDate(this.clock.now(), this.config.tzPlans) };
    return this.todayMemo.date;
  }
  private todayMemo?: { minute: number; date: LocalDate };

  /**
   * A page by number (`page`, an OFFSET) or after a cursor (`cursor`, the `nextCursor` of the
   * page before: keyset, no OFFSET). The total is counted when the listing starts (every request
   * without a cursor); a cursor carries it on, so a cursor's page answers the total as counted then.
   */
  async page(user: AuthUser, filter: TaskFilter, order: TaskOrder, page = 1, pageSize = 50, cursor?: string): Promise<TaskPage> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor, order);
    const statements = this.statements(user, filter, order, page, pageSize, after);
    const counted = (count: Statement) => this.prepared<{ total: number }>(count.sql, count.params).then(([r]) => r.total);
    let rows: PageRow[];
    let total: number;
    if (statements.windowTotal) {
      rows = await this.prepared<PageRow>(statements.page.sql, statements.page.params);
      // past the last page the window has no row to count on
      total = rows.length ? Number(rows[0].total) : await counted(statements.count!);
    } else {
      [rows, total] = await Promise.all([this.prepared<PageRow>(statements.page.sql, statements.page.params), statements.count ? counted(statements.count) : after!.total]);
    }
    const number = after ? after.page : page;
    const last = rows.at(-1);
    const nextCursor = last && rows.length === pageSize ? encodeCursor({ order, key: last.sortKey, page: number + 1, total }) : null;
    return { items: this.items(rows), total, page: number, pageSize, nextCursor };
  }

  /** The statements of a page: its rows, and its total unless a cursor carries it (the bench EXPLAINs these). */
  statements(user: AuthUser, filter: TaskFilter, order: TaskOrder, page: number, pageSize: number, after?: Cursor): { page: Statement; count?: Statement; windowTotal: boolean } {
    const where = this.where(user, filter);
    const planWhere = this.planWhere(user, filter);
    // a list not read plan by plan (a department's) sorts its whole scope for the page: count it there
    const windowTotal = !planWhere && order === 'plan' && !after;
    const spec = { where, planWhere, order, limit: pageSize, offset: after ? 0 : (page - 1) * pageSize, after: after?.key, windowTotal };
    return { page: pageStatement(spec), count: after ? undefined : countStatement(where), windowTotal };
  }

  /** Every matching task, a batch at a time, for exports (no cap, nothing silently cut; keyset, no OFFSET). */
  async *batches(user: AuthUser, filter: TaskFilter, order: TaskOrder, size = EXPORT_BATCH): AsyncGenerator<TaskItem[]> {
    const where = this.where(user, filter);
    const planWhere = this.planWhere(user, filter);
    for (let after: PageRow['sortKey'] | undefined; ; ) {
      const rows = await this.select({ where, planWhere, order, limit: size, offset: 0, after });
      if (rows.length) yield this.items(rows);
      if (rows.length < size) return;
      after = rows[rows.length - 1].sortKey;
    }
  }

  async detail(user: AuthUser, id: string): Promise<TaskDetail> {
    const { task } = await taskInScope(this.em, user, id);
    const [item] = this.items(await this.select({ where: new Conditions().and('t.id = ?', task.id), order: 'plan', limit: 1, offset: 0 }));
    const [info] = await this.em.execute<{ text: string; jurisdictionId: string; jurisdiction: string }[]>(
      `select t.text, j.id as "jurisdictionId", j.name as jurisdiction from task t join jurisdiction j on j.id = t.jurisdiction_id where t.id = ?`,
      [task.id],
    );
    const latest = await this.latestProgress(task.id);
    const extensions = await this.extensions(task.id);
    const withLatest = (d: DepartmentRef) => ({ ...d, latestProgress: latest.get(d.id) ?? null });
    return {
      ...item,
      text: info.text,
      jurisdiction: { id: info.jurisdictionId, name: info.jurisdiction },
      lead: item.lead.map(withLatest),
      co: item.co.map(withLatest),
      allowedActions: allowedActions(item.status),
      pendingExtension: extensions.find((e) => e.status === 'pending') ?? null,
      extensions,
    };
  }

  /** Newest first. */
  async progress(taskId: string, departmentLatestOnly = false): Promise<ProgressView[]> {
    const rows = await this.em.execute<ProgressRow[]>(
      `select ${departmentLatestOnly ? 'distinct on (r.department_id)' : ''} r.id, r.task_id as "taskId", r.department_id as "departmentId", d.name as "departmentName",
              a.role, r.percent, r.summary, r.next_steps as "nextSteps", r.evidence_urls as "evidenceUrls",
              u.id as "authorId", u.email as "authorEmail", r.created_at as "createdAt"
         from progress_report r
         join department d on d.id = r.department_id
         left join assignment a on a.task_id = r.task_id and a.department_id = r.department_id
         left join app_user u on u.id = r.author_id
        where r.task_id = ?
        order by ${departmentLatestOnly ? 'r.department_id, ' : ''}r.created_at desc, r.id desc`,
      [taskId],
    );
    return rows.map(progressView);
  }

  private async latestProgress(taskId: string): Promise<Map<string, ProgressView>> {
    return new Map((await this.progress(taskId, true)).map((p) => [p.department.id, p]));
  }

  async extensions(taskId: string): Promise<ExtensionView[]> {
    const rows = await this.em.execute<ExtensionRow[]>(
      `select e.id, e.task_id as "taskId", e.department_id as "departmentId", d.name as "departmentName", e.reason,
              to_char(e.current_deadline, 'YYYY-MM-DD') as "currentDeadline", to_char(e.requested_deadline, 'YYYY-MM-DD') as "requestedDeadline",
              e.status, e.created_at as "requestedAt", e.decided_at as "decidedAt", e.decision_reason as "decisionReason"
         from extension_request e join department d on d.id = e.department_id
        where e.task_id = ?
        order by e.created_at desc, e.id`,
      [taskId],
    );
    return rows.map(({ departmentId, departmentName, requestedAt, decidedAt, ...e }) => ({
      ...e,
      department: { id: departmentId, name: departmentName },
      requestedAt: iso(requestedAt)!,
      decidedAt: iso(decidedAt),
    }));
  }

  private where(user: AuthUser, f: TaskFilter): Conditions {
    const today = this.today();
    const [scope, scopeParams] = scopeCondition(user);
    const where = new Conditions().and('t.removed_at is null').and(scope, ...scopeParams);
    if (!f.drafts) where.and('not t.draft');
    if (f.planId) where.and('t.plan_id = ?', f.planId);
    if (f.keyAreaId) where.and('t.key_area_id = ?', f.keyAreaId);
    if (f.departmentId) where.and('exists (select 1 from assignment a where a.task_id = t.id and a.department_id = ?)', f.departmentId);
    if (f.status?.length) where.and(`t.status in (${placeholders(f.status)})`, ...f.status);
    if (f.overdue === true || f.minDaysOverdue) where.and(`t.status <> 'completed' and t.deadline <= ?::date`, addDays(today, -Math.max(1, f.minDaysOverdue ?? 1)));
    if (f.overdue === false) where.and(`(t.status = 'completed' or t.deadline is null or t.deadline >= ?::date)`, today);
    return where;
  }

  /** The scope on the plan, for lists that can be read plan by plan (see `PageSpec.planWhere`). */
  private planWhere(user: AuthUser, f: TaskFilter): Conditions | undefined {
    const [scope, params] = planScopeCondition(user);
    if (scope === undefined) return undefined;
    const where = new Conditions().and(scope, ...params);
    if (f.planId) where.and('p.id = ?', f.planId);
    return where;
  }

  private select(spec: PageSpec): Promise<PageRow[]> {
    const { sql, params } = pageStatement(spec);
    return this.prepared<PageRow>(sql, params);
  }

  /**
   * Page statements are prepared: planning a page (window, json_agg subqueries) cost 2.5 ms of
   * PostgreSQL CPU beside 1.2 ms to run it, on every request.
   */
  private prepared<T>(sql: string, params: unknown[]): Promise<T[]> {
    return preparedQuery<T>(this.em, 'tq', sql, params);
  }

  private items(rows: PageRow[]): TaskItem[] {
    const today = this.today();
    return rows.map(({ sortKey: _key, total: _total, s_deadline: _d, s_created: _c, s_plan: _p, s_area: _a, lead, co, ...r }) => {
      const late = daysOverdue(r.deadline, today, r.status);
      return {
        ...r,
        lead: parsed(lead),
        co: parsed(co),
        overdue: late > 0,
        daysOverdue: late,
        lastProgressAt: iso(r.lastProgressAt),
        completedAt: iso(r.completedAt),
      };
    });
  }
}

interface ProgressRow {
  id: string;
  taskId: string;
  departmentId: string;
  departmentName: string;
  role: AssignmentRole | null;
  percent: number;
  summary: string;
  nextSteps: string | null;
  evidenceUrls: string[];
  authorId: string | null;
  authorEmail: string | null;
  createdAt: Date | string;
}

interface ExtensionRow {
  id: string;
  taskId: string;
  departmentId: string;
  departmentName: string;
  reason: string;
  currentDeadline: string;
  requestedDeadline: string;
  status: string;
  requestedAt: Date | string;
  decidedAt: Date | string | null;
  decisionReason: string | null;
}

function progressView(r: ProgressRow): ProgressView {
  return {
    id: r.id,
    taskId: r.taskId,
    department: { id: r.departmentId, name: r.departmentName },
    role: r.role,
    percent: r.percent,
    summary: r.summary,
    nextSteps: r.nextSteps,
    evidenceUrls: r.evidenceUrls,
    author: r.authorId ? { id: r.authorId, email: r.authorEmail! } : null,
    createdAt: iso(r.createdAt)!,
  };
}
