import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@duban/auth';
import { Clock } from '@duban/clock';
import { DomainError, statusAfterProgress } from '@duban/domain';
import { ProgressReport, TaskEvent, User } from '@duban/persistence';
import { assertWritable, taskInScope } from './task-access';
import { TaskQueries } from './task.queries';
import type { ProgressView } from './task.views';

export interface NewProgress {
  percent: number;
  summary: string;
  nextSteps?: string;
  evidenceUrls?: string[];
}

/** Progress is reported by each department for its own part; reports are never changed (append-only). */
@Injectable()
export class ProgressService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly queries: TaskQueries,
  ) {}

  async report(user: AuthUser, taskId: string, input: NewProgress): Promise<ProgressView> {
    const id = await this.em.transactional(async (em) => {
      const { task, role } = await taskInScope(em, user, taskId);
      if (!role) throw DomainError.forbidden('only a lead or co department reports progress');
      assertWritable(task, undefined);
      const next = statusAfterProgress(task.status, role);
      const actor = em.getReference(User, user.id);
      const report = em.create(ProgressReport, {
        task,
        department: user.departmentId!,
        author: actor,
        percent: input.percent,
        summary: input.summary.trim(),
        nextSteps: input.nextSteps?.trim() || null,
        evidenceUrls: input.evidenceUrls ?? [],
        createdAt: this.clock.now(),
      });
      if (next !== task.status) {
        em.create(TaskEvent, { task, actor, type: 'start', before: { status: task.status }, after: { status: next }, reason: null, at: this.clock.now() });
        task.status = next;
      }
      return report.id;
    });
    return (await this.queries.progress(taskId)).find((p) => p.id === id)!;
  }

  async history(user: AuthUser, taskId: string): Promise<ProgressView[]> {
    await taskInScope(this.em, user, taskId);
    return this.queries.progress(taskId);
  }
}
