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

  /** Newest first; every version, each naming the one it superseded and the one that superseded it. */
  async list(actor: Actor, { page, pageSize }: PageParams = { page: 1, pageSize: 100 }): Promise<Page<PlanView>> {
    const em = this.em.fork();
    const scope = await jurisdictionScope(em, actor);
    const where = { ...(scope ? { jurisdiction: scope } : {}), ...(seesDrafts(actor) ? {} : { status: 'published' as const }) };
    const [plans, total] = await em.findAndCount(Plan, where, { orderBy: { createdAt: 'desc', id: 'asc' }, limit: pageSize, offset: (page - 1) * pageSize });
    return { items: await planViews(em, plans), total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<PlanDetail> {
    const em = this.em.fork();
    const plan = isUuid(id) ? await em.findOne(Plan, id) : null;
    if (!plan) throw DomainError.notFound('plan', id);
    await assertInScope(em, actor, plan.jurisdiction.id);
    if (plan.status === 'draft' && !seesDrafts(actor)) throw DomainError.forbidden('this plan is a draft; only the coordinators see it until it is published');
    const [view] = await planViews(em, [plan]);
    const areas = await em.find(KeyArea, { plan }, { orderBy: { position: 'asc' } });
    const tasks = await em.find(Task, { plan, removedAt: null }, { fields: ['keyArea'] });
    const count = (area: KeyArea) => tasks.filter((t) => t.keyArea.id === area.id).length;
    const findings = plan.status === 'draft' ? { findings: await planFindingsOf(em, plan) } : {};
    return { ...view, keyAreas: areas.map((a) => ({ id: a.id, position: a.position, title: a.title, taskCount: count(a) })), ...findings };
  }
}
