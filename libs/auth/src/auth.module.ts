import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { AdminBootstrap } from './admin-bootstrap';
import { AuditController } from './audit.controller';
import { AuthController } from './auth.controller';
import { AuthRedis } from './auth-redis';
import { ACCESS_TOKEN_SECONDS, AuthService } from './auth.service';
import { AccessGuard } from './guards';
import { LoginThrottle } from './login-throttle';
import { PasswordService } from './password.service';
import { SessionVersions } from './session-versions';
import { JwtStrategy, LocalStrategy } from './strategies';
import { UserAdmin } from './user-admin.service';
import { UsersController } from './users.controller';

/** Login, tokens, users, and the global guard that makes every route declare who may call it. */
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
  controllers: [AuthController, UsersController, AuditController],
  providers: [AuthService, AuthRedis, SessionVersions, UserAdmin, PasswordService, LoginThrottle, LocalStrategy, JwtStrategy, AdminBootstrap, { provide: APP_GUARD, useClass: AccessGuard }],
})
export class AuthModule {}
