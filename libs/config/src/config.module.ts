import { type DynamicModule, Global, Module } from '@nestjs/common';
import { type AppConfig, type ConfigNeeds, loadConfig } from './config';

/** Provides AppConfig, read from the environment once at boot. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }

  /** Read when the app is created (not when this file is loaded), so tests can set the environment first. */
  static fromEnv(needs: ConfigNeeds = {}): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useFactory: () => loadConfig(process.env, needs) }],
      exports: [APP_CONFIG],
    };
  }
}

export const APP_CONFIG = Symbol('AppConfig');
