import { MikroOrmModule } from '@mikro-orm/nestjs';
import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { ormConfig } from './orm.config';
import { LazyRequestContext } from './request-context';

/** MikroORM's module is global: EntityManager and MikroORM are injectable everywhere once this is imported. */
@Module({})
export class PersistenceModule implements NestModule {
  static forRoot(): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        MikroOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...ormConfig(config.databaseUrl, {}, { connectTimeoutMs: config.databaseConnectTimeoutMs, statementTimeoutMs: config.databaseStatementTimeoutMs }),
            // our own middleware below forks the request's entity manager on first use
            registerRequestContext: false,
          }),
          // typed loosely upstream (nestjs 7.1 vs core 7.2 generics); the value is right
          driver: PostgreSqlDriver as never,
        }),
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(LazyRequestContext).forRoutes({ path: '{*all}', method: RequestMethod.ALL });
  }
}
