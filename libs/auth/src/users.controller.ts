import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/postgresql';
import { CreateUserDto } from './auth.dto';
import { Allow } from './permissions';
import { createUser, listUsers, type UserView } from './users';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly em: EntityManager) {}

  @Allow('admin')
  @Post()
  async create(@Body() body: CreateUserDto): Promise<{ id: string }> {
    const user = await createUser(this.em, body);
    return { id: user.id };
  }

  @Allow('admin')
  @Get()
  list(): Promise<UserView[]> {
    return listUsers(this.em);
  }
}
