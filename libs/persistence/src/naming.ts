import { UnderscoreNamingStrategy } from '@mikro-orm/core';

/**
 * Constraint names as PostgreSQL gives them when a migration leaves them out (`task_plan_id_fkey`,
 * `app_user_email_key`), so the entities and the hand-written migrations name the same thing the
 * same way and the schema diff stays empty (persistence.int-spec.ts).
 */
export class PostgresNamingStrategy extends UnderscoreNamingStrategy {
  override indexName(tableName: string, columns: string[], type: 'primary' | 'foreign' | 'unique' | 'index' | 'sequence' | 'check' | 'default' | 'trigger'): string {
    const suffix = { foreign: 'fkey', unique: 'key', index: 'idx' }[type as string];
    return suffix ? super.indexName(tableName, columns, 'index').replace(/_index$/, `_${suffix}`) : super.indexName(tableName, columns, type);
  }
}
