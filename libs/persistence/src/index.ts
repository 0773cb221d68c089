export * from './entities';
export { migrate } from './migrate';
export { ormConfig } from './orm.config';
export { PersistenceModule } from './persistence.module';
