import { Body, Controller, Get, Patch, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, type AuthUser, CurrentUser } from '@duban/auth';
import { SetAssignmentsDto, UpdateTaskDto, WorklistQuery } from './plans.dto';
import { TaskAssignmentService } from './task-assignment.service';
import { UuidParam } from '@duban/http';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('api')
export class TaskAssignmentsController {
  constructor(private readonly assignments: TaskAssignmentService) {}

  /** Open tasks no real department leads, or held by a collective (各有关部门): the coordinator's worklist. */
  @Allow('coordinator', 'admin', 'observer')
  @Get('review/unassigned')
  worklist(@CurrentUser() user: AuthUser, @Query() query: WorklistQuery) {
    return this.assignments.worklist(user, query);
  }

  @Allow('coordinator', 'admin')
  @Put('tasks/:id/assignments')
  setAssignments(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() body: SetAssignmentsDto) {
    return this.assignments.setAssignments(user, id, body);
  }

  @Allow('coordinator', 'admin')
  @Patch('tasks/:id')
  update(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() body: UpdateTaskDto) {
    return this.assignments.update(user, id, body);
  }

  /** Every audited change of the task, newest first. */
  @Allow('admin', 'coordinator', 'observer', 'department')
  @Get('tasks/:id/history')
  history(@CurrentUser() user: AuthUser, @UuidParam('id') id: string) {
    return this.assignments.history(user, id);
  }
}
