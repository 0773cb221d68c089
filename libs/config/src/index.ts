export { type AppConfig, ConfigError, type ConfigNeeds, databaseUrlFrom, failStartup, loadConfig } from './config';
export { APP_CONFIG, ConfigModule } from './config.module';
