import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

export interface Addressee {
  /** `dept:<id>` or `coord:<jurisdiction id>`: the notice_item recipient. */
  key: string;
  name: string;
  jurisdictionId: string;
  jurisdiction: string;
  emails: string[];
}

export const deptKey = (departmentId: string) => `dept:${departmentId}`;
export const coordKey = (jurisdictionId: string) => `coord:${jurisdictionId}`;

const normalise = (emails: Array<string | null>) => [...new Set(emails.filter((e): e is string => !!e).map((e) => e.trim().toLowerCase()).filter((e) => /^[^\s@]+@[^\s@]+$/.test(e)))].sort();

/**
 * Where a department's or a coordinator office's mail goes: its configured addresses and its
 * active users. Not the department directory (plans' `DepartmentDirectory` resolves names).
 */
@Injectable()
export class MailAddresses {
  constructor(private readonly em: EntityManager) {}

  async departments(ids: string[]): Promise<Map<string, Addressee>> {
    if (!ids.length) return new Map();
    const rows = await this.em.execute<Array<{ id: string; name: string; jurisdiction_id: string; jurisdiction: string; emails: string[]; users: string[] }>>(
      `select d.id, d.name, d.jurisdiction_id, j.name as jurisdiction, d.emails,
              array(select u.email from app_user u where u.department_id = d.id and u.role = 'department' and not u.disabled) as users
       from department d join jurisdiction j on j.id = d.jurisdiction_id
       where d.id in (?)`,
      [ids],
    );
    return new Map(rows.map((r) => [deptKey(r.id), { key: deptKey(r.id), name: r.name, jurisdictionId: r.jurisdiction_id, jurisdiction: r.jurisdiction, emails: normalise([...r.emails, ...r.users]) }]));
  }

  /** The 联席会议办公室 of a jurisdiction: its coordinator users. */
  async coordinators(jurisdictionIds: string[]): Promise<Map<string, Addressee>> {
    if (!jurisdictionIds.length) return new Map();
    const rows = await this.em.execute<Array<{ id: string; name: string; users: string[] }>>(
      `select j.id, j.name, array(select u.email from app_user u where u.jurisdiction_id = j.id and u.role = 'coordinator' and not u.disabled) as users
       from jurisdiction j where j.id in (?)`,
      [jurisdictionIds],
    );
    return new Map(rows.map((r) => [coordKey(r.id), { key: coordKey(r.id), name: '联席会议办公室', jurisdictionId: r.id, jurisdiction: r.name, emails: normalise(r.users) }]));
  }
}
