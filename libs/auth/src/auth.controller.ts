import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { LoginDto, RefreshDto } from './auth.dto';
import { AuthService, type Tokens } from './auth.service';
import { LocalAuthGuard } from './guards';
import { Allow, type AuthUser, CurrentUser, Public, ROLES } from './permissions';
import type { UserView } from './users';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

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
}
