import type { EntityManager } from '@mikro-orm/postgresql';
import { Department, DepartmentAlias, type Jurisdiction } from '@duban/persistence';
import { departmentKeys, isCollectiveHolder } from './department-names';

/**
 * A jurisdiction's departments during one import: a written name resolves through the alias
 * table, then the departments' keys, and follows merges to the surviving department; a name
 * never seen becomes a new department.
 */
export class DepartmentDirectory {
  private constructor(
    private readonly em: EntityManager,
    private readonly jurisdiction: Jurisdiction,
    private readonly byKey: Map<string, Department>,
    private readonly aliases: Map<string, Department>,
  ) {}

  static async load(em: EntityManager, jurisdiction: Jurisdiction): Promise<DepartmentDirectory> {
    const departments = await em.find(Department, { jurisdiction });
    const aliases = await em.find(DepartmentAlias, { jurisdiction });
    return new DepartmentDirectory(em, jurisdiction, new Map(departments.map((d) => [d.nameKey, d])), new Map(aliases.map((a) => [a.aliasKey, a.department])));
  }

  resolve(name: string): Department {
    const keys = departmentKeys(name);
    for (const key of keys) {
      const found = this.aliases.get(key) ?? this.byKey.get(key);
      if (found) return surviving(found);
    }
    const department = this.em.create(Department, { jurisdiction: this.jurisdiction, name: name.trim(), nameKey: keys.at(-1)!, isCollective: isCollectiveHolder(name) });
    this.byKey.set(department.nameKey, department);
    return department;
  }
}

/** Every department of the jurisdiction is loaded, so the merge chain is in memory. */
export function surviving(department: Department): Department {
  let current = department;
  for (let hops = 0; current.mergedInto && hops < 20; hops++) current = current.mergedInto;
  return current;
}
