export { Allow, type AuthUser, CurrentUser, Public, PUBLIC_KEY, type Role, ROLES, ROLES_KEY } from './permissions';
