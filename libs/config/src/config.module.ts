import { type DynamicModule, Global, Module } from '@nestjs/common';
import { type AppConfig, type ConfigNeeds, loadConfig } from './config';

/** Provides AppConfig, read from the environment once at boot. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }

  static fromEnv(needs: ConfigNeeds = {}): DynamicModule {
    return ConfigModule.forRoot(loadConfig(process.env, needs));
  }
}

export const APP_CONFIG = Symbol('AppConfig');
