import { MikroOrmModule } from '@mikro-orm/nestjs';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { ormConfig } from './orm.config';

@Module({})
export class PersistenceModule {
  static forRoot(): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        MikroOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ormConfig(config.databaseUrl),
          driver: PostgreSqlDriver as never,
        }),
      ],
      exports: [MikroOrmModule],
    };
  }
}
