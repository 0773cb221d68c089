import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '@duban/http';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './auth.dto';
import { PasswordService } from './password.service';
import { Allow, type AuthUser, CurrentUser } from './permissions';
import { UserAdmin, type UserPage } from './user-admin.service';
import type { UserView } from './users';


/** Accounts: an admin runs every account; a coordinator the department and observer accounts of its jurisdiction. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly users: UserAdmin,
    private readonly passwords: PasswordService,
  ) {}

  @Allow('admin', 'coordinator')
  @Post()
  async create(@CurrentUser() actor: AuthUser, @Body() body: CreateUserDto): Promise<{ id: string }> {
    const user = await this.users.create(actor, body);
    return { id: user.id };
  }

  @Allow('admin', 'coordinator')
  @Get()
  list(@CurrentUser() actor: AuthUser, @Query() q: ListUsersQuery): Promise<UserPage> {
    const { page, pageSize, ...filter } = q;
    return this.users.list(actor, filter, page, pageSize);
  }

  @Allow('admin', 'coordinator')
  @Patch(':id')
  update(@CurrentUser() actor: AuthUser, @UuidParam('id') id: string, @Body() body: UpdateUserDto): Promise<UserView> {
    return this.users.update(actor, id, body);
  }

  /** Mails the account a one-time set-password link (24 h); its current password works until the link is used. */
  @Allow('admin', 'coordinator')
  @Post(':id/password-reset')
  @HttpCode(202)
  resetPassword(@CurrentUser() actor: AuthUser, @UuidParam('id') id: string): Promise<{ expiresAt: string }> {
    return this.passwords.requestReset(actor, id);
  }
}
