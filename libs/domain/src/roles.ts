/** The four kinds of account; what each may do is declared per route with `@Allow`. */
export const ROLES = ['admin', 'coordinator', 'department', 'observer'] as const;
export type Role = (typeof ROLES)[number];
