import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { BOARD_ACCESS } from '@duban/jobs';
import { AccessTokens } from './access-tokens';
import { AdminBootstrap } from './admin-bootstrap';
import { AuditController } from './audit.controller';
import { BoardSessionController, BoardSessions } from './board-session';
import { AuthController } from './auth.controller';
import { AuthRedis } from './auth-redis';
import { ACCESS_TOKEN_SECONDS, AuthService } from './auth.service';
import { AccessGuard } from './guards';
import { LoginThrottle } from './login-throttle';
import { OidcController } from './oidc.controller';
import { OidcHandoff } from './oidc-handoff';
import { OidcStrategy } from './oidc.strategy';
import { PasswordService } from './password.service';
import { SetPasswordPage } from './set-password.page';
import { SessionVersions } from './session-versions';
import { LocalStrategy } from './strategies';
import { UserAdmin } from './user-admin.service';
import { UsersController } from './users.controller';

/**
 * Login, tokens, users, and the global guard that makes every route declare who may call it.
 * Global so that the queue board (libs/jobs) finds its access check and others the session versions.
 */
@Global()
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { expiresIn: ACCESS_TOKEN_SECONDS, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, UsersController, AuditController, BoardSessionController, OidcController, SetPasswordPage],
  providers: [AuthService, AuthRedis, SessionVersions, UserAdmin, PasswordService, LoginThrottle, LocalStrategy, AccessTokens, AdminBootstrap, { provide: APP_GUARD, useClass: AccessGuard }, BoardSessions, { provide: BOARD_ACCESS, useExisting: BoardSessions }, OidcStrategy, OidcHandoff],
  exports: [BOARD_ACCESS, SessionVersions],
})
export class AuthModule {}
