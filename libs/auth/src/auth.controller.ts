import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ChangePasswordDto, LoginDto, RefreshDto, SetPasswordDto } from './auth.dto';
import { AuthService, type Tokens } from './auth.service';
import { LocalAuthGuard } from './guards';
import { PasswordService } from './password.service';
import { Allow, type AuthUser, CurrentUser, Public, ROLES } from './permissions';
import type { UserView } from './users';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwords: PasswordService,
  ) {}

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  login(@CurrentUser() user: AuthUser, @Body() _body: LoginDto): Promise<Tokens> {
    return this.auth.issue(user.id);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshDto): Promise<Tokens> {
    return this.auth.refresh(body.refreshToken);
  }

  @Allow(...ROLES)
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() user: AuthUser, @Body() body: RefreshDto): Promise<void> {
    await this.auth.logout(body.refreshToken, user);
  }

  @Allow(...ROLES)
  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthUser): Promise<UserView> {
    return this.auth.me(user.id);
  }

  /** One's own password; ends every other session and answers fresh tokens for this one. */
  @Allow(...ROLES)
  @ApiBearerAuth()
  @Post('password')
  @HttpCode(200)
  async changePassword(@CurrentUser() user: AuthUser, @Body() body: ChangePasswordDto, @Req() req: Request): Promise<Tokens> {
    await this.passwords.change(user, body.currentPassword, body.newPassword, req.ip ?? 'unknown');
    return this.auth.issue(user.id);
  }

  /** The mailed set-password link's token: works once, within its time, never again. */
  @Public()
  @Post('password/set')
  @HttpCode(204)
  async setPassword(@Body() body: SetPasswordDto): Promise<void> {
    await this.passwords.setWithToken(body.token, body.newPassword);
  }
}
