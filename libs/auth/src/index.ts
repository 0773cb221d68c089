export { AuthModule } from './auth.module';
export { AuthRedis } from './auth-redis';
export { type SessionState, SessionVersions } from './session-versions';
export { type DemoLogin, ensureDemoUsers, formatDemoLogins } from './demo-users';
export { hashPassword } from './passwords';
export { assertJurisdiction, inJurisdiction, jurisdictionCondition, jurisdictionScopeOf } from './jurisdiction-scope';
export { Allow, type AuthUser, CurrentUser, Public, PUBLIC_KEY, type Role, ROLES, ROLES_KEY } from './permissions';
export { createUser, ensureAdmin, type NewUser, type UserView } from './users';
