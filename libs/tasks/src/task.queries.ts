import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { QueryResultRow } from 'pg';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@duban/auth';
import { Clock } from '@duban/clock';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { addDays, allowedActions, daysOverdue, type LocalDate, localDate } from '@duban/domain';
import type { AssignmentRole } from '@duban/persistence';
import { Conditions, placeholders, scopeCondition, taskInScope } from './task-access';
import { type DepartmentRef, type ExtensionView, iso, type Page, type ProgressView, type TaskDetail, type TaskItem } from './task.views';

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

export type TaskOrder = 'plan' | 'most_overdue';

const ORDER: Record<TaskOrder, string> = {
  plan: 'p.created_at, p.id, k.position, t.position',
  most_overdue: 't.deadline, p.created_at, p.id, k.position, t.position',
};

/** Rows per query of an export: an export streams every row, a batch at a time. */
const EXPORT_BATCH = 1000;

/** A task as the list query returns it, before overdue days are added. */
type PageRow = Omit<TaskItem, 'lead' | 'co' | 'overdue' | 'daysOverdue' | 'lastProgressAt' | 'completedAt'> & {
  lastProgressAt: Date | string | null;
  completedAt: Date | string | null;
  lead: DepartmentRef[] | string;
  co: DepartmentRef[] | string;
  total: number | string;
  n: number | string;
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

  /** One statement: the page, its total (a window over the same scan) and each task's departments. */
  async page(user: AuthUser, filter: TaskFilter, order: TaskOrder, page = 1, pageSize = 50): Promise<Page<TaskItem>> {
    const where = this.where(user, filter);
    const rows = await this.select(where, order, pageSize, (page - 1) * pageSize);
    // past the last page the window has no row to count on
    const total = rows.length
      ? Number(rows[0].total)
      : (await this.em.execute<{ total: number }[]>(`select count(*)::int as total from task t where ${where}`, where.params))[0].total;
    return { items: this.items(rows), total, page, pageSize };
  }

  /** Every matching task, a batch at a time, for exports (no cap, nothing silently cut). */
  async *batches(user: AuthUser, filter: TaskFilter, order: TaskOrder, size = EXPORT_BATCH): AsyncGenerator<TaskItem[]> {
    const where = this.where(user, filter);
    for (let offset = 0; ; offset += size) {
      const rows = await this.rows(where, order, size, offset);
      if (rows.length) yield rows;
      if (rows.length < size) return;
    }
  }

  async detail(user: AuthUser, id: string): Promise<TaskDetail> {
    const { task } = await taskInScope(this.em, user, id);
    const [item] = await this.rows(new Conditions().and('t.id = ?', task.id), 'plan', 1, 0);
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

  private async rows(where: Conditions, order: TaskOrder, limit: number, offset: number): Promise<TaskItem[]> {
    return this.items(await this.select(where, order, limit, offset));
  }

  /**
   * The page is cut first (the scan, the order and the total read the task, its plan and key
   * area only); the last report and the departments are then read for the page's rows alone.
   */
  private select(where: Conditions, order: TaskOrder, limit: number, offset: number): Promise<PageRow[]> {
    const department = (role: AssignmentRole) =>
      `coalesce((select json_agg(json_build_object('id', d.id, 'name', d.name) order by a.position, d.name)
                  from assignment a join department d on d.id = a.department_id where a.task_id = page.id and a.role = '${role}'), '[]'::json)`;
    return this.prepared<PageRow>(
      `with page as (
         select t.id, t.plan_id as "planId", p.title as "planTitle", t.key_area_id as "keyAreaId", k.title as section, t.position,
                t.title, t.kind, to_char(t.deadline, 'YYYY-MM-DD') as deadline, t.status, t.escalation_level as "escalationLevel",
                t.completed_at as "completedAt", t.version,
                count(*) over () as total, row_number() over (order by ${ORDER[order]}) as n
           from task t join key_area k on k.id = t.key_area_id join plan p on p.id = t.plan_id
          where ${where}
          order by ${ORDER[order]}
          limit ? offset ?
       )
       select page.*, (select max(r.created_at) from progress_report r where r.task_id = page.id) as "lastProgressAt",
              ${department('lead')} as lead, ${department('co')} as co
         from page
        order by page.n`,
      [...where.params, limit, offset],
    );
  }

  /**
   * A page statement as a named prepared statement on its pooled connection: planning the page
   * (window, json_agg subqueries) cost 2.5 ms of PostgreSQL CPU beside 1.2 ms to run it, on every
   * request; a prepared statement is planned once per connection and shape (PostgreSQL keeps a
   * generic plan once it is no worse). Inside a transaction it runs there, as any other read.
   */
  private async prepared<T>(sql: string, params: unknown[]): Promise<T[]> {
    if (this.em.getTransactionContext()) return this.em.execute<T[]>(sql, params);
    let i = 0;
    const text = sql.replace(/\?/g, () => `$${++i}`);
    const pool = await this.em.getConnection().getNativeClient();
    const name = `tq_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    const result = await pool.query<T & QueryResultRow>({ name, text, values: params });
    return result.rows;
  }

  private items(rows: PageRow[]): TaskItem[] {
    const today = this.today();
    return rows.map(({ total: _total, n: _n, lead, co, ...r }) => {
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
