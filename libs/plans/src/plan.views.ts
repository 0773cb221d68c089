import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Task, type Plan, type PlanStatus } from '@duban/persistence';

export interface PlanView {
  id: string;
  title: string;
  jurisdiction: string;
  jurisdictionId: string;
  issuer: string | null;
  docNumber: string | null;
  issuedOn: string | null;
  targetYears: number[];
  sourceName: string | null;
  /** The plan's revision number (`Plan.revision`); named `version` in the service contract. */
  version: number;
  /** 'draft': seen by the coordinators only and chased by nobody until published. */
  status: PlanStatus;
  publishedAt: Date | null;
  previousVersionId: string | null;
  supersededById: string | null;
  /** Tasks the plan holds now (a revision moves matching tasks to the new version). */
  taskCount: number;
  createdAt: Date;
}

export async function planViews(em: EntityManager, plans: Plan[]): Promise<PlanView[]> {
  if (!plans.length) return [];
  await em.populate(plans, ['jurisdiction']);
  const counts = await em
    .createQueryBuilder(Task, 't')
    .select(['t.plan', raw('count(*)::int as n')])
    .where({ plan: { $in: plans.map((p) => p.id) }, removedAt: null })
    .groupBy('t.plan')
    .execute<{ plan: string; n: number }[]>();
  const count = new Map(counts.map((c) => [c.plan, Number(c.n)]));
  return plans.map((p) => ({
    id: p.id,
    title: p.title,
    jurisdiction: p.jurisdiction.name,
    jurisdictionId: p.jurisdiction.id,
    issuer: p.issuer ?? null,
    docNumber: p.docNumber ?? null,
    issuedOn: p.issuedOn ?? null,
    targetYears: p.targetYears,
    sourceName: p.sourceName ?? null,
    version: p.revision,
    status: p.status,
    publishedAt: p.publishedAt ?? null,
    previousVersionId: p.previousRevision?.id ?? null,
    supersededById: p.supersededBy?.id ?? null,
    taskCount: count.get(p.id) ?? 0,
    createdAt: p.createdAt,
  }));
}
