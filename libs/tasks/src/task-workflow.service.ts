import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@duban/auth';
import { Clock } from '@duban/clock';
import { actorOf, checkExtensionApproval, checkExtensionDecision, checkExtensionRequest, DomainError, type TaskAction, transition } from '@duban/domain';
import { ExtensionRequest, TaskEvent, User } from '@duban/persistence';
import { assertActor, assertWritable, taskInScope } from './task-access';
import { TaskQueries } from './task.queries';
import type { ExtensionView, TaskDetail } from './task.views';

/** What the clerk sent along: the ETag it saw and, for some steps, why. */
export interface Change {
  ifMatch?: string;
  reason?: string;
}

/**
 * The task workflow over the database: each step checks, in this order, scope (404/403), the
 * caller's part (403), the version the caller saw (412) and the status machine (409), then writes
 * the change and its history row in one transaction.
 */
@Injectable()
export class TaskWorkflowService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly queries: TaskQueries,
  ) {}

  async act(user: AuthUser, taskId: string, action: TaskAction, change: Change): Promise<TaskDetail> {
    await this.em.transactional(async (em) => {
      const scoped = await taskInScope(em, user, taskId, { lock: true });
      const { task } = scoped;
      assertActor(scoped, user, actorOf(action));
      assertWritable(task, change.ifMatch);
      const before = task.status;
      task.status = transition(task.status, action, change.reason);
      if (task.status === 'completed') task.completedAt = this.clock.now();
      em.create(TaskEvent, { task, actor: em.getReference(User, user.id), type: action, before: { status: before }, after: { status: task.status }, reason: change.reason?.trim() || null, at: this.clock.now() });
    });
    return this.queries.detail(user, taskId);
  }

  async requestExtension(user: AuthUser, taskId: string, ask: { newDeadline: string; reason: string }, ifMatch?: string): Promise<ExtensionView> {
    const id = await this.em.transactional(async (em) => {
      const scoped = await taskInScope(em, user, taskId, { lock: true });
      const { task } = scoped;
      assertActor(scoped, user, 'lead');
      assertWritable(task, ifMatch);
      const hasPending = (await em.count(ExtensionRequest, { task, status: 'pending' })) > 0;
      checkExtensionRequest({ status: task.status, deadline: task.deadline, today: this.queries.today(), newDeadline: ask.newDeadline, reason: ask.reason, hasPending });
      const request = em.create(ExtensionRequest, {
        task,
        department: user.departmentId!,
        requestedBy: user.id,
        reason: ask.reason.trim(),
        currentDeadline: task.deadline!,
        requestedDeadline: ask.newDeadline,
        createdAt: this.clock.now(),
      });
      em.create(TaskEvent, { task, actor: em.getReference(User, user.id), type: 'extension_requested', before: { deadline: task.deadline }, after: { requestedDeadline: ask.newDeadline }, reason: ask.reason.trim(), at: this.clock.now() });
      return request.id;
    });
    return this.extension(taskId, id);
  }

  /** Approval moves the deadline, never earlier (409); the old one stays on the request and in the task history. */
  async decideExtension(user: AuthUser, taskId: string, requestId: string, approve: boolean, change: Change): Promise<ExtensionView> {
    await this.em.transactional(async (em) => {
      const scoped = await taskInScope(em, user, taskId, { lock: true });
      const { task } = scoped;
      assertActor(scoped, user, 'coordinator');
      assertWritable(task, change.ifMatch);
      const request = await em.findOne(ExtensionRequest, { id: requestId, task });
      if (!request) throw DomainError.notFound('extension request', requestId);
      checkExtensionDecision(request.status, approve, change.reason, task.status);
      if (approve) checkExtensionApproval(request.requestedDeadline, task.deadline);
      // the conditional update makes two coordinators deciding at once a conflict, not a double decision
      const decided = await em.nativeUpdate(
        ExtensionRequest,
        { id: request.id, status: 'pending' },
        { status: approve ? 'approved' : 'rejected', decidedBy: user.id, decidedAt: this.clock.now(), decisionReason: change.reason?.trim() || null },
      );
      if (!decided) throw DomainError.conflict('该延期申请已由他人处理', { currentStatus: 'decided' });
      const before = task.deadline;
      if (approve) task.deadline = request.requestedDeadline;
      em.create(TaskEvent, {
        task,
        actor: em.getReference(User, user.id),
        type: approve ? 'extension_approved' : 'extension_rejected',
        before: { deadline: before },
        after: { deadline: task.deadline },
        reason: change.reason?.trim() || request.reason,
        at: this.clock.now(),
      });
    });
    return this.extension(taskId, requestId);
  }

  private async extension(taskId: string, id: string): Promise<ExtensionView> {
    return (await this.queries.extensions(taskId)).find((e) => e.id === id)!;
  }
}
