import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@duban/auth';
import { Clock } from '@duban/clock';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { completedOnTime, daysOverdue, localDate } from '@duban/domain';
import type { AssignmentRole } from '@duban/persistence';
import { Conditions, scopeCondition } from './task-access';
import { type TaskFilter, TaskQueries } from './task.queries';
import { iso, type TaskItem, type TaskPage } from './task.views';

/** A department silent this long on an open task counts as "no recent report". */
export const SILENCE_DAYS = 30;

export interface DepartmentScore {
  id: string;
  name: string;
  asLead: number;
  asCo: number;
  completed: number;
  completedOnTime: number;
  overdue: number;
  noReportIn30Days: number;
  lastReportAt: string | null;
}

interface HeldRow {
  id: string;
  name: string;
  role: AssignmentRole;
  status: string;
  deadline: string | null;
  completedAt: Date | string | null;
  lastReportAt: Date | string | null;
}

/** The coordinator's view: what is overdue, and how each department is doing. */
@Injectable()
export class ReviewService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly queries: TaskQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  overdue(user: AuthUser, filter: TaskFilter, page: number, pageSize: number, cursor?: string): Promise<TaskPage> {
    return this.queries.page(user, { ...filter, overdue: true }, 'most_overdue', page, pageSize, cursor);
  }

  /** Every overdue task in scope, in batches: the .xlsx 台账 streams them all. */
  overdueAll(user: AuthUser, filter: TaskFilter): AsyncGenerator<TaskItem[]> {
    return this.queries.batches(user, { ...filter, overdue: true }, 'most_overdue');
  }

  /** One row per department holding a task in scope; each counts the tasks it leads or helps with. */
  async scorecard(user: AuthUser, planId?: string): Promise<DepartmentScore[]> {
    const [scope, scopeParams] = scopeCondition(user);
    const where = new Conditions().and('t.removed_at is null').and('not t.draft').and(scope, ...scopeParams);
    if (planId) where.and('t.plan_id = ?', planId);
    const rows = await this.em.execute<HeldRow[]>(
      `select d.id, d.name, a.role, t.status, to_char(t.deadline, 'YYYY-MM-DD') as deadline, t.completed_at as "completedAt",
              (select max(r.created_at) from progress_report r where r.task_id = t.id and r.department_id = d.id) as "lastReportAt"
         from task t
         join assignment a on a.task_id = t.id
         join department d on d.id = a.department_id
        where ${where}`,
      where.params,
    );
    const now = this.clock.now();
    const today = localDate(now, this.config.tzPlans);
    const silentSince = now.getTime() - SILENCE_DAYS * 86_400_000;
    const scores = new Map<string, DepartmentScore>();
    for (const r of rows) {
      const s = scores.get(r.id) ?? { id: r.id, name: r.name, asLead: 0, asCo: 0, completed: 0, completedOnTime: 0, overdue: 0, noReportIn30Days: 0, lastReportAt: null };
      scores.set(r.id, s);
      if (r.role === 'lead') s.asLead++;
      else s.asCo++;
      const lastReport = iso(r.lastReportAt);
      if (lastReport && (!s.lastReportAt || lastReport > s.lastReportAt)) s.lastReportAt = lastReport;
      if (r.status === 'completed') {
        s.completed++;
        if (completedOnTime(r.deadline, localDate(new Date(r.completedAt!), this.config.tzPlans))) s.completedOnTime++;
        continue;
      }
      if (daysOverdue(r.deadline, today, r.status) > 0) s.overdue++;
      if (!lastReport || Date.parse(lastReport) < silentSince) s.noReportIn30Days++;
    }
    return [...scores.values()].sort((a, b) => b.overdue - a.overdue || b.asLead - a.asLead || a.name.localeCompare(b.name, 'zh'));
  }
}
