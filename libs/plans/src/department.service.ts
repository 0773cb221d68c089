import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditLog } from '@duban/audit';
import { Clock } from '@duban/clock';
import { DomainError } from '@duban/domain';
import { normalizeDepartmentName } from '@duban/plan-parser';
import { Assignment, Department, DepartmentAlias, Jurisdiction, TaskEvent, User } from '@duban/persistence';
import { type Actor, assertInScope, jurisdictionScope } from './access';
import { emailList, isUuid } from './inputs';
import { departmentKeys } from './department-names';
import { lockJurisdiction } from './locks';

export interface DepartmentView {
  id: string;
  name: string;
  jurisdiction: string;
  jurisdictionId: string;
  emails: string[];
  isCollective: boolean;
  /** Other spellings that resolve to this department when a plan is imported. */
  aliases: string[];
}


/** The departments of each jurisdiction: their reminder addresses, merges and aliases (names resolve through `DepartmentDirectory`). */
@Injectable()
export class DepartmentService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** `jurisdiction` is a name (青海省) or an id; merged departments are left out (their survivor stands for them). */
  async list(actor: Actor, jurisdiction?: string): Promise<DepartmentView[]> {
    const em = this.em.fork();
    const scope = await jurisdictionScope(em, actor);
    let filter = scope;
    if (jurisdiction) {
      const j = await em.findOne(Jurisdiction, isUuid(jurisdiction) ? { id: jurisdiction } : { name: jurisdiction });
      if (!j) throw DomainError.notFound('jurisdiction', jurisdiction);
      if (scope !== null && scope !== j.id) throw DomainError.forbidden('this belongs to another jurisdiction');
      filter = j.id;
    }
    const departments = await em.find(Department, { mergedInto: null, ...(filter ? { jurisdiction: filter } : {}) }, { orderBy: { name: 'asc' } });
    return this.views(em, departments);
  }

  async setEmails(actor: Actor, id: string, emails: string[]): Promise<DepartmentView> {
    const cleaned = emailList('emails', emails);
    return this.em.fork().transactional(async (em) => {
      const department = await this.find(em, actor, id);
      const before = department.emails;
      department.emails = cleaned;
      await em.flush();
      await this.audit.record({ actorId: actor?.id, actorRole: actor?.role, actorEmail: actor?.email, jurisdictionId: department.jurisdiction.id, action: 'department.emails_changed', targetType: 'department', targetId: department.id, details: { name: department.name, before, after: cleaned } }, em);
      return (await this.views(em, [department]))[0];
    });
  }

  /**
   * Two departments that are the same body become one: the source's assignments move to the
   * target (where both held a task, the stronger role stays), its users and aliases follow, its
   * own name becomes an alias, and later imports resolve its name to the target.
   */
  async merge(actor: Actor, id: string, intoId: string, reason?: string): Promise<DepartmentView> {
    if (!isUuid(intoId)) throw DomainError.invalid('the merge is not valid', [{ field: 'into', message: 'must be a department id' }]);
    if (id === intoId) throw DomainError.invalid('the merge is not valid', [{ field: 'into', message: 'a department cannot merge into itself' }]);
    return this.em.fork().transactional(async (em) => {
      const source = await this.find(em, actor, id);
      await lockJurisdiction(em, (await em.findOneOrFail(Jurisdiction, source.jurisdiction.id)).name);
      const target = await em.findOne(Department, intoId);
      if (!target) throw DomainError.notFound('department', intoId);
      if (target.jurisdiction.id !== source.jurisdiction.id) throw DomainError.invalid('the merge is not valid', [{ field: 'into', message: 'the departments belong to different jurisdictions' }]);
      await em.refresh(source);
      if (source.mergedInto || target.mergedInto) throw DomainError.conflict('one of the departments was already merged');

      const moving = await em.find(Assignment, { department: source }, { populate: ['task'] });
      const staying = await em.find(Assignment, { department: target, task: { $in: moving.map((a) => a.task.id) } });
      const by = actor ? em.getReference(User, actor.id) : null;
      for (const a of moving) {
        const both = staying.find((s) => s.task.id === a.task.id);
        const before = { department: { id: source.id, name: source.name }, role: a.role };
        if (both) {
          if (a.role === 'lead') both.role = 'lead';
          em.remove(a);
        } else {
          a.department = target;
        }
        const after = { department: { id: target.id, name: target.name }, role: both?.role ?? a.role };
        em.create(TaskEvent, { task: a.task, actor: by, type: 'department_merged', before, after, reason: reason?.trim() || `${source.name} merged into ${target.name}`, at: this.clock.now() });
      }
      await em.nativeUpdate(User, { department: source }, { department: target });
      await em.nativeUpdate(DepartmentAlias, { department: source }, { department: target });
      await em.nativeUpdate(Department, { mergedInto: source }, { mergedInto: target });
      if (!(await em.count(DepartmentAlias, { jurisdiction: source.jurisdiction, aliasKey: source.nameKey }))) {
        em.create(DepartmentAlias, { jurisdiction: source.jurisdiction, aliasKey: source.nameKey, alias: source.name, department: target });
      }
      source.mergedInto = target;
      target.emails = [...new Set([...target.emails, ...source.emails])];
      await em.flush();
      return (await this.views(em, [target]))[0];
    });
  }

  /** Another spelling of a department (省经信委 for 省经济和信息化委员会), used by later imports. */
  async addAlias(actor: Actor, departmentId: string, alias: string): Promise<DepartmentView> {
    const aliasKey = normalizeDepartmentName(alias ?? '');
    if (!aliasKey) throw DomainError.invalid('the alias is not valid', [{ field: 'alias', message: 'must not be empty' }]);
    return this.em.fork().transactional(async (em) => {
      const department = await this.find(em, actor, departmentId);
      await lockJurisdiction(em, (await em.findOneOrFail(Jurisdiction, department.jurisdiction.id)).name);
      if (department.mergedInto) throw DomainError.conflict(`${department.name} was merged; add the alias to the department it was merged into`);
      const existing = await em.findOne(DepartmentAlias, { jurisdiction: department.jurisdiction, aliasKey });
      if (existing && existing.department.id !== department.id) throw DomainError.conflict(`${alias} is already an alias of another department`, { departmentId: existing.department.id });
      const own = await em.findOne(Department, { jurisdiction: department.jurisdiction, nameKey: { $in: departmentKeys(alias) }, mergedInto: null, id: { $ne: department.id } });
      if (own) throw DomainError.conflict(`${own.name} is a department of its own; merge it into ${department.name} instead`, { departmentId: own.id });
      if (!existing) em.create(DepartmentAlias, { jurisdiction: department.jurisdiction, aliasKey, alias: alias.trim(), department });
      await em.flush();
      return (await this.views(em, [department]))[0];
    });
  }

  private async find(em: EntityManager, actor: Actor, id: string): Promise<Department> {
    const department = isUuid(id) ? await em.findOne(Department, id) : null;
    if (!department) throw DomainError.notFound('department', id);
    await assertInScope(em, actor, department.jurisdiction.id);
    return department;
  }

  private async views(em: EntityManager, departments: Department[]): Promise<DepartmentView[]> {
    await em.populate(departments, ['jurisdiction']);
    const aliases = departments.length ? await em.find(DepartmentAlias, { department: { $in: departments.map((d) => d.id) } }, { orderBy: { alias: 'asc' } }) : [];
    return departments.map((d) => ({
      id: d.id,
      name: d.name,
      jurisdiction: d.jurisdiction.name,
      jurisdictionId: d.jurisdiction.id,
      emails: d.emails,
      isCollective: d.isCollective,
      aliases: aliases.filter((a) => a.department.id === d.id).map((a) => a.alias),
    }));
  }
}
