export * from './entities';
export { migrate } from './migrate';
export { DEFAULT_DB_TIMEOUTS, type DatabaseTimeouts, ormConfig, poolTimeouts } from './orm.config';
export { PersistenceModule } from './persistence.module';
export { preparedQuery } from './prepared';
