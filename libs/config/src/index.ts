export { type AppConfig, ConfigError, type ConfigNeeds, loadConfig } from './config';
export { APP_CONFIG, ConfigModule } from './config.module';
