import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Assignment, Department, JointMeeting, Jurisdiction, KeyArea, Plan, ProgressReport, Task, User } from '@duban/persistence';
import type { Role, TaskStatus } from '@duban/domain';

/**
 * Test data for the worker, written through the EntityManager (before, and independently of,
 * the plan import service): a jurisdiction with its joint meeting, one plan and key area,
 * departments, tasks with lead/co assignments, users and progress reports.
 */
export class WorkerWorld {
  readonly jurisdiction: Jurisdiction;
  readonly meeting: JointMeeting;
  readonly plan: Plan;
  readonly area: KeyArea;
  private position = 0;

  private constructor(
    private readonly em: EntityManager,
    name: string,
    recipients: string[],
  ) {
    this.jurisdiction = em.create(Jurisdiction, { name });
    this.meeting = em.create(JointMeeting, { jurisdiction: this.jurisdiction, name: `${name}推进联席会议`, recipients });
    this.plan = em.create(Plan, { jurisdiction: this.jurisdiction, title: `${name}行动方案`, sourceText: '…', sourceSha256: randomBytes(32).toString('hex') });
    this.area = em.create(KeyArea, { plan: this.plan, position: 1, title: '重点任务' });
  }

  static async create(em: EntityManager, opts: { name?: string; recipients?: string[] } = {}): Promise<WorkerWorld> {
    const world = new WorkerWorld(em.fork(), opts.name ?? `测试省${randomUUID().slice(0, 6)}`, opts.recipients ?? []);
    await world.em.flush();
    return world;
  }

  async department(name: string, emails: string[] = []): Promise<Department> {
    const d = this.em.create(Department, { jurisdiction: this.jurisdiction, name, nameKey: `${name}-${randomUUID().slice(0, 6)}`, emails });
    await this.em.flush();
    return d;
  }

  async user(email: string, role: Role, department?: Department): Promise<User> {
    const u = this.em.create(User, { email, passwordHash: 'x', role, department: department ?? null, jurisdiction: role === 'department' ? null : this.jurisdiction });
    await this.em.flush();
    return u;
  }

  async task(opts: { title: string; deadline: string | null; lead: Department[]; co?: Department[]; status?: TaskStatus }): Promise<Task> {
    const t = this.em.create(Task, {
      plan: this.plan,
      keyArea: this.area,
      jurisdiction: this.jurisdiction,
      position: ++this.position,
      kind: 'task',
      title: opts.title,
      text: opts.title,
      deadline: opts.deadline,
      status: opts.status ?? 'assigned',
    });
    opts.lead.forEach((department, i) => this.em.create(Assignment, { task: t, department, role: 'lead', position: i }));
    (opts.co ?? []).forEach((department, i) => this.em.create(Assignment, { task: t, department, role: 'co', position: i }));
    await this.em.flush();
    return t;
  }

  async report(task: Task, department: Department, at: Date): Promise<void> {
    this.em.create(ProgressReport, { task, department, percent: 50, summary: '推进中', createdAt: at });
    await this.em.flush();
  }

  /** Changes a task as the task workflow would (extension approved, completed, removed). */
  async update(task: Task, change: Partial<Pick<Task, 'deadline' | 'status' | 'removedAt' | 'completedAt'>>): Promise<void> {
    const em = this.em.fork();
    const t = await em.findOneOrFail(Task, task.id);
    Object.assign(t, change);
    await em.flush();
  }

  async reload(task: Task): Promise<Task> {
    return this.em.fork().findOneOrFail(Task, task.id);
  }
}
