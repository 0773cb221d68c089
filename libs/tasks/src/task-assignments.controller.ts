import { Body, Controller, Get, Headers, Patch, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, type AuthUser, CurrentUser } from '@duban/auth';
import { SetAssignmentsDto, UpdateTaskDto, WorklistQuery } from './task-changes.dto';
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

  /** Who leads and who helps; `If-Match` (the task's ETag) makes a stale change a 412. */
  @Allow('coordinator', 'admin')
  @Put('tasks/:id/assignments')
  setAssignments(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() body: SetAssignmentsDto, @Headers('if-match') ifMatch?: string) {
    return this.assignments.setAssignments(user, id, { ...body, ifMatch });
  }

  /** Deadline, title and/or kind, with the reason; `If-Match` (the task's ETag) makes a stale edit a 412. */
  @Allow('coordinator', 'admin')
  @Patch('tasks/:id')
  update(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() body: UpdateTaskDto, @Headers('if-match') ifMatch?: string) {
    return this.assignments.update(user, id, { ...body, ifMatch });
  }

  /** Every audited change of the task, newest first. */
  @Allow('admin', 'coordinator', 'observer', 'department')
  @Get('tasks/:id/history')
  history(@CurrentUser() user: AuthUser, @UuidParam('id') id: string) {
    return this.assignments.history(user, id);
  }
}
