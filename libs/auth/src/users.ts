import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, roleLabel } from '@duban/domain';
import { Department, Jurisdiction, User } from '@duban/persistence';
import { hashPassword } from './passwords';
import type { AuthUser, Role } from './permissions';

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  departmentId?: string;
  /** A jurisdiction's name, e.g. 青海省. */
  jurisdiction?: string;
}

export interface UserView {
  id: string;
  email: string;
  role: Role;
  jurisdiction: string | null;
  jurisdictionId: string | null;
  department: { id: string; name: string } | null;
  displayName: string | null;
  phone: string | null;
  disabled: boolean;
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/**
 * A coordinator or observer is bound to a jurisdiction, a department user to a department (and
 * through it to the department's jurisdiction); an admin to nothing.
 */
export async function createUser(em: EntityManager, input: NewUser): Promise<User> {
  const email = normalizeEmail(input.email);
  if (await em.count(User, { email })) throw DomainError.conflict(`邮箱 ${email} 已有账号`);
  const user = em.create(User, { email, passwordHash: await hashPassword(input.password), role: input.role });
  await bind(em, user, input);
  await em.flush();
  return user;
}

export async function bind(em: EntityManager, user: User, input: Pick<NewUser, 'role' | 'departmentId' | 'jurisdiction'>): Promise<void> {
  user.department = null;
  user.jurisdiction = null;
  if (input.role === 'department') {
    if (!input.departmentId) throw DomainError.invalid('责任单位账号须指定单位', [{ field: 'departmentId', message: '责任单位角色必填' }]);
    const department = await em.findOne(Department, input.departmentId);
    if (!department) throw DomainError.invalid('单位不存在', [{ field: 'departmentId', message: `单位 ${input.departmentId} 不存在` }]);
    user.department = department;
    user.jurisdiction = department.jurisdiction;
  } else if (input.role === 'coordinator' || input.role === 'observer') {
    if (!input.jurisdiction?.trim()) throw DomainError.invalid(`${roleLabel(input.role)}账号须指定地区`, [{ field: 'jurisdiction', message: `${roleLabel(input.role)}角色必填` }]);
    user.jurisdiction = await jurisdictionNamed(em, input.jurisdiction.trim());
  }
}

/** Users may be created before the jurisdiction's first plan is imported: the name creates it. */
async function jurisdictionNamed(em: EntityManager, name: string): Promise<Jurisdiction> {
  await em.execute(`insert into jurisdiction (id, name) values (gen_random_uuid(), ?) on conflict (name) do nothing`, [name], 'run');
  return em.findOneOrFail(Jurisdiction, { name });
}

export function userView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    jurisdiction: user.jurisdiction?.name ?? null,
    jurisdictionId: user.jurisdiction?.id ?? null,
    department: user.department ? { id: user.department.id, name: user.department.name } : null,
    displayName: user.displayName ?? null,
    phone: user.phone ?? null,
    disabled: user.disabled,
  };
}

export function authUserOf(user: User): AuthUser {
  return { id: user.id, email: user.email, role: user.role, jurisdictionId: user.jurisdiction?.id ?? null, departmentId: user.department?.id ?? null };
}

/** ADMIN_EMAIL/ADMIN_PASSWORD: creates that admin when there is no admin yet; true when it did. */
export async function ensureAdmin(em: EntityManager, email: string, password: string): Promise<boolean> {
  if (await em.count(User, { role: 'admin' })) return false;
  const normalized = normalizeEmail(email);
  const existing = await em.findOne(User, { email: normalized });
  if (existing) {
    existing.role = 'admin';
    existing.passwordHash = await hashPassword(password);
    await bind(em, existing, { role: 'admin' });
    await em.flush();
    return true;
  }
  await createUser(em, { email: normalized, password, role: 'admin' });
  return true;
}

/** Creates the user, or resets its password and binding: a generated login must work after each run. */
export async function upsertUser(em: EntityManager, input: NewUser): Promise<User> {
  const user = await em.findOne(User, { email: normalizeEmail(input.email) });
  if (!user) return createUser(em, input);
  user.role = input.role;
  user.passwordHash = await hashPassword(input.password);
  user.disabled = false;
  await bind(em, user, input);
  await em.flush();
  return user;
}
