import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '@duban/clock';
import { DomainError } from '@duban/domain';
import type { ParsedTask } from '@duban/plan-parser';
import { Jurisdiction, KeyArea, Plan, Task } from '@duban/persistence';
import { type Actor, assertInScope } from './access';
import { DepartmentDirectory } from './department-directory';
import { isUuid } from './inputs';
import { lockJurisdiction } from './locks';
import { findPreviousVersion, type ImportResult, TaskWriter } from './plan-import.service';
import { planFindingsOf, type TaskFinding } from './plan-findings';
import { seesDrafts } from './plan.service';
import { planViews, type PlanView } from './plan.views';
import { assignmentsOf } from './assignments';

export type PublishResult = PlanView & Pick<ImportResult, 'revision'>;

/**
 * Publishing a reviewed draft. A first version goes live as it stands (its tasks keep their
 * ids, corrections and history). A draft revision is applied to the live version as a direct
 * import of its text would be, with the corrected tasks standing in for the document: matching
 * live tasks keep their id, progress and hand-made changes (unless the draft corrected the same
 * thing), the others are added or dropped. Until then the live version stays live.
 */
@Injectable()
export class PlanDraftService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async findings(actor: Actor, planId: string): Promise<{ planId: string; status: string; findings: TaskFinding[] }> {
    const em = this.em.fork();
    const plan = isUuid(planId) ? await em.findOne(Plan, planId) : null;
    if (!plan) throw DomainError.notFound('plan', planId);
    await assertInScope(em, actor, plan.jurisdiction.id);
    if (plan.status === 'draft' && !seesDrafts(actor)) throw DomainError.forbidden('this plan is a draft; only the coordinators see it until it is published');
    return { planId: plan.id, status: plan.status, findings: await planFindingsOf(em, plan) };
  }

  async publish(actor: Actor, planId: string): Promise<PublishResult> {
    if (!isUuid(planId)) throw DomainError.notFound('plan', planId);
    return this.em.fork().transactional(async (em) => {
      const [row] = await em.execute<{ name: string }[]>('select j.name from plan p join jurisdiction j on j.id = p.jurisdiction_id where p.id = ?', [planId]);
      if (!row) throw DomainError.notFound('plan', planId);
      // the import lock: no import, correction that reshapes the plan, or second publish in between
      await lockJurisdiction(em, row.name);
      const plan = await em.findOneOrFail(Plan, planId, { populate: ['jurisdiction'] });
      await assertInScope(em, actor, plan.jurisdiction.id);
      if (plan.status !== 'draft') throw DomainError.conflict('该方案已发布，无需再次发布', { reason: 'already_published', planId: plan.id });
      // a PATCH of a draft task waits for the publish, then finds the task live (or retired)
      await em.execute('select id from task where plan_id = ? and removed_at is null order by id for update', [plan.id]);
      const drafts = await em.find(Task, { plan, removedAt: null }, { populate: ['keyArea'], orderBy: { position: 'asc', id: 'asc' } });
      const now = this.clock.now();

      let revision: ImportResult['revision'];
      const jurisdiction = await em.findOneOrFail(Jurisdiction, plan.jurisdiction.id);
      const previous = plan.previousRevision ? await em.findOneOrFail(Plan, plan.previousRevision.id) : null;
      // the live version the draft was made against must still be the live version
      const live = await findPreviousVersion(em, jurisdiction, { plan: { docNumber: plan.docNumber ?? null, title: plan.title } });
      if ((live?.id ?? null) !== (previous?.id ?? null)) {
        throw DomainError.conflict('此草稿导入后，该方案已有新的版本发布；请以最新文本重新导入草稿', { reason: 'stale_draft', currentVersionId: live?.id ?? null });
      }
      if (previous) {
        const areas = new Map((await em.find(KeyArea, { plan })).map((a) => [a.title, a]));
        const held = await assignmentsOf(em, drafts.map((t) => t.id));
        const incoming: ParsedTask[] = drafts.map((t) => ({
          section: t.keyArea.title,
          title: t.title,
          kind: t.kind,
          text: t.text,
          deadline: t.deadline ?? null,
          lead: (held.get(t.id)?.lead ?? []).map((d) => d.name),
          co: (held.get(t.id)?.co ?? []).map((d) => d.name),
        }));
        const writer = new TaskWriter(em, await DepartmentDirectory.load(em, jurisdiction), plan, areas, jurisdiction, actor, now);
        revision = await writer.revise(previous, incoming, drafts);
        previous.supersededBy = plan;
      }
      plan.status = 'published';
      plan.publishedAt = now;
      plan.publishedById = actor?.id ?? null;
      await em.flush();
      await em.execute('update task set draft = false where plan_id = ? and draft', [plan.id]);
      const [view] = await planViews(em, [plan]);
      return { ...view, ...(revision ? { revision } : {}) };
    });
  }
}
