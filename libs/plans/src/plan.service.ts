import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@duban/domain';
import type { Page, PageParams } from '@duban/http';
import { KeyArea, Plan, Task } from '@duban/persistence';
import { type Actor, assertInScope, jurisdictionScope } from './access';
import { isUuid } from './inputs';
import { planViews, type PlanView } from './plan.views';

export interface PlanDetail extends PlanView {
  keyAreas: { id: string; position: number; title: string; taskCount: number }[];
}


@Injectable()
export class PlanService {
  constructor(private readonly em: EntityManager) {}

  /** Newest first; every version, each naming the one it superseded and the one that superseded it. */
  async list(actor: Actor, { page, pageSize }: PageParams = { page: 1, pageSize: 100 }): Promise<Page<PlanView>> {
    const em = this.em.fork();
    const scope = await jurisdictionScope(em, actor);
    const [plans, total] = await em.findAndCount(Plan, scope ? { jurisdiction: scope } : {}, { orderBy: { createdAt: 'desc', id: 'asc' }, limit: pageSize, offset: (page - 1) * pageSize });
    return { items: await planViews(em, plans), total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<PlanDetail> {
    const em = this.em.fork();
    const plan = isUuid(id) ? await em.findOne(Plan, id) : null;
    if (!plan) throw DomainError.notFound('plan', id);
    await assertInScope(em, actor, plan.jurisdiction.id);
    const [view] = await planViews(em, [plan]);
    const areas = await em.find(KeyArea, { plan }, { orderBy: { position: 'asc' } });
    const tasks = await em.find(Task, { plan, removedAt: null }, { fields: ['keyArea'] });
    const count = (area: KeyArea) => tasks.filter((t) => t.keyArea.id === area.id).length;
    return { ...view, keyAreas: areas.map((a) => ({ id: a.id, position: a.position, title: a.title, taskCount: count(a) })) };
  }
}
