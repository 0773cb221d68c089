import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, type AuthUser, CurrentUser } from '@duban/auth';
import { DepartmentService } from './department.service';
import { DepartmentAliasDto, DepartmentEmailsDto, DepartmentsQuery, MergeDepartmentDto } from './plans.dto';
import { UuidParam } from '@duban/http';

@ApiTags('departments')
@ApiBearerAuth()
@Controller('api/departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentService) {}

  @Allow('admin', 'coordinator', 'observer', 'department')
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: DepartmentsQuery) {
    return this.departments.list(user, query.jurisdiction);
  }

  /** Where the department's reminders go. */
  @Allow('coordinator', 'admin')
  @Patch(':id')
  setEmails(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() body: DepartmentEmailsDto) {
    return this.departments.setEmails(user, id, body.emails);
  }

  /** The two are the same body: this one's assignments, users and names move to `into`. */
  @Allow('coordinator', 'admin')
  @Post(':id/merge')
  @HttpCode(200)
  merge(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() body: MergeDepartmentDto) {
    return this.departments.merge(user, id, body.into, body.reason);
  }

  /** Another spelling later imports resolve to this department. */
  @Allow('coordinator', 'admin')
  @Post(':id/aliases')
  @HttpCode(200)
  addAlias(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() body: DepartmentAliasDto) {
    return this.departments.addAlias(user, id, body.alias);
  }
}
