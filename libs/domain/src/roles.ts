/** The four kinds of account; what each may do is declared per route with `@Allow`. */
export const ROLES = ['admin', 'coordinator', 'department', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  coordinator: '联席会议办公室',
  department: '责任单位',
  observer: '观察员',
};

/** A role as people call it; an unknown value as it came. */
export const roleLabel = (role: string): string => ROLE_LABELS[role as Role] ?? role;
