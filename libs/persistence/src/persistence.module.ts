import { MikroOrmModule } from '@mikro-orm/nestjs';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { ormConfig } from './orm.config';

/** MikroORM's module is global: EntityManager and MikroORM are injectable everywhere once this is imported. */
@Module({})
export class PersistenceModule {
  static forRoot(): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        MikroOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ormConfig(config.databaseUrl, {}, { connectTimeoutMs: config.databaseConnectTimeoutMs, statementTimeoutMs: config.databaseStatementTimeoutMs }),
          // typed loosely upstream (nestjs 7.1 vs core 7.2 generics); the value is right
          driver: PostgreSqlDriver as never,
        }),
      ],
    };
  }
}
