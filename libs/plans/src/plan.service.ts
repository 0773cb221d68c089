import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@duban/domain';
import type { Page, PageParams } from '@duban/http';
import { KeyArea, Plan, Task } from '@duban/persistence';
import { type Actor, assertInScope, jurisdictionScope } from './access';
import { isUuid } from './inputs';
import { planFindingsOf, type TaskFinding } from './plan-findings';
import { planViews, type PlanView } from './plan.views';

export interface PlanDetail extends PlanView {
  keyAreas: { id: string; position: number; title: string; taskCount: number }[];
  /** A draft's review findings as its tasks stand now. */
  findings?: TaskFinding[];
}

/** Drafts are the coordinators' working copies: departments and observers see published plans only. */
export const seesDrafts = (actor: Actor): boolean => !actor || actor.role === 'admin' || actor.role === 'coordinator';


@Injectable()
export class PlanService {
  constructor(private readonly em: EntityManager) {}

  /**
   * Newest first, each plan once: its current version (the live one, and a draft not yet
   * published, a new plan's or a pending revision's), with `version` and `previousVersionId`.
   * Versions a revision superseded (whose tasks moved on to the revision) only with
   * `includeSuperseded`; `revisions` lists one plan's versions.
   */
  async list(actor: Actor, { page, pageSize, includeSuperseded = false }: PageParams & { includeSuperseded?: boolean } = { page: 1, pageSize: 100 }): Promise<Page<PlanView>> {
    const em = this.em.fork();
    const scope = await jurisdictionScope(em, actor);
    const where = {
      ...(scope ? { jurisdiction: scope } : {}),
      ...(seesDrafts(actor) ? {} : { status: 'published' as const }),
      ...(includeSuperseded ? {} : { supersededBy: null }),
    };
    const [plans, total] = await em.findAndCount(Plan, where, { orderBy: { createdAt: 'desc', id: 'asc' }, limit: pageSize, offset: (page - 1) * pageSize });
    return { items: await planViews(em, plans), total, page, pageSize };
  }

  /**
   * Every version of the plan `id` belongs to (its predecessors, its successors and draft
   * revisions of any of them), newest first. The caller must see `id`; drafts as in `list`.
   */
  async revisions(actor: Actor, id: string): Promise<PlanView[]> {
    const em = this.em.fork();
    const plan = await this.visible(em, actor, id);
    const rows = await em.execute<{ id: string }[]>(
      `with recursive up as (
         select id, previous_version_id from plan where id = ?
         union select p.id, p.previous_version_id from plan p join up on p.id = up.previous_version_id
       ), down as (
         select id from up where previous_version_id is null
         union select p.id from plan p join down on p.previous_version_id = down.id
       )
       select id from down`,
      [plan.id],
    );
    const versions = await em.find(
      Plan,
      { id: { $in: rows.map((r) => r.id) }, ...(seesDrafts(actor) ? {} : { status: 'published' as const }) },
      { orderBy: { revision: 'desc', createdAt: 'desc', id: 'asc' } },
    );
    return planViews(em, versions);
  }

  async get(actor: Actor, id: string): Promise<PlanDetail> {
    const em = this.em.fork();
    const plan = await this.visible(em, actor, id);
    const [view] = await planViews(em, [plan]);
    const areas = await em.find(KeyArea, { plan }, { orderBy: { position: 'asc' } });
    const tasks = await em.find(Task, { plan, removedAt: null }, { fields: ['keyArea'] });
    const count = (area: KeyArea) => tasks.filter((t) => t.keyArea.id === area.id).length;
    const findings = plan.status === 'draft' ? { findings: await planFindingsOf(em, plan) } : {};
    return { ...view, keyAreas: areas.map((a) => ({ id: a.id, position: a.position, title: a.title, taskCount: count(a) })), ...findings };
  }

  private async visible(em: EntityManager, actor: Actor, id: string): Promise<Plan> {
    const plan = isUuid(id) ? await em.findOne(Plan, id) : null;
    if (!plan) throw DomainError.notFound('plan', id);
    await assertInScope(em, actor, plan.jurisdiction.id);
    if (plan.status === 'draft' && !seesDrafts(actor)) throw DomainError.forbidden('该方案是草稿，发布前只有联席会议办公室可以查看');
    return plan;
  }
}
