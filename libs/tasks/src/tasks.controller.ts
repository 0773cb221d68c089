import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, type AuthUser, CurrentUser } from '@duban/auth';
import type { TaskAction } from '@duban/domain';
import { seesDrafts } from '@duban/plans';
import { ExtensionRequestDto, ListTasksQuery, OptionalReasonDto, ProgressDto, ReasonDto } from './tasks.dto';
import { ProgressService } from './progress.service';
import { etagOf } from './task-access';
import { TaskQueries } from './task.queries';
import { TaskWorkflowService } from './task-workflow.service';
import type { ExtensionView, Page, ProgressView, TaskDetail, TaskItem } from './task.views';
import { UuidParam } from '@duban/http';

const IF_MATCH = { name: 'If-Match', required: false, description: 'the ETag of the task as last read; 412 when it changed since' };

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/tasks')
export class TasksController {
  constructor(
    private readonly queries: TaskQueries,
    private readonly workflow: TaskWorkflowService,
    private readonly progressReports: ProgressService,
  ) {}

  @Allow('admin', 'coordinator', 'observer', 'department')
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: ListTasksQuery): Promise<Page<TaskItem>> {
    // a draft's tasks are listed to its coordinators when they ask for that plan
    const drafts = !!q.planId && seesDrafts(user);
    return this.queries.page(user, { ...q, drafts }, 'plan', q.page, q.pageSize);
  }

  @Allow('admin', 'coordinator', 'observer', 'department')
  @Get(':id')
  async detail(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Res({ passthrough: true }) res: Response): Promise<TaskDetail> {
    return withEtag(res, await this.queries.detail(user, id));
  }

  /** 签收: a lead department signs for the task. */
  @Allow('department')
  @ApiHeader(IF_MATCH)
  @Post(':id/accept')
  @HttpCode(200)
  accept(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.act(user, id, 'accept', { ifMatch }, res);
  }

  /** 申请办结: the lead asks to close the task. */
  @Allow('department')
  @ApiHeader(IF_MATCH)
  @Post(':id/request-completion')
  @HttpCode(200)
  requestCompletion(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() body: OptionalReasonDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.act(user, id, 'request_completion', { ifMatch, reason: body.reason }, res);
  }

  /** 销号: the coordinator office closes the task. */
  @Allow('coordinator', 'admin')
  @ApiHeader(IF_MATCH)
  @Post(':id/approve-completion')
  @HttpCode(200)
  approveCompletion(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() body: OptionalReasonDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.act(user, id, 'approve_completion', { ifMatch, reason: body.reason }, res);
  }

  /** 退回: the completion request goes back to in_progress, with the reason. */
  @Allow('coordinator', 'admin')
  @ApiHeader(IF_MATCH)
  @Post(':id/return')
  @HttpCode(200)
  returnTask(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() body: ReasonDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.act(user, id, 'return', { ifMatch, reason: body.reason }, res);
  }

  /** 申请延期 */
  @Allow('department')
  @ApiHeader(IF_MATCH)
  @Post(':id/extension-requests')
  requestExtension(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() body: ExtensionRequestDto, @Headers('if-match') ifMatch: string | undefined): Promise<ExtensionView> {
    return this.workflow.requestExtension(user, id, body, ifMatch);
  }

  @Allow('admin', 'coordinator', 'observer', 'department')
  @Get(':id/extension-requests')
  async extensions(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<ExtensionView[]> {
    return (await this.queries.detail(user, id)).extensions;
  }

  @Allow('coordinator', 'admin')
  @ApiHeader(IF_MATCH)
  @Post(':id/extension-requests/:requestId/approve')
  @HttpCode(200)
  approveExtension(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @UuidParam('requestId') requestId: string, @Body() body: OptionalReasonDto, @Headers('if-match') ifMatch: string | undefined): Promise<ExtensionView> {
    return this.workflow.decideExtension(user, id, requestId, true, { ifMatch, reason: body.reason });
  }

  @Allow('coordinator', 'admin')
  @ApiHeader(IF_MATCH)
  @Post(':id/extension-requests/:requestId/reject')
  @HttpCode(200)
  rejectExtension(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @UuidParam('requestId') requestId: string, @Body() body: ReasonDto, @Headers('if-match') ifMatch: string | undefined): Promise<ExtensionView> {
    return this.workflow.decideExtension(user, id, requestId, false, { ifMatch, reason: body.reason });
  }

  /** Each department reports its own part: lead or co. */
  @Allow('department')
  @Post(':id/progress')
  report(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() body: ProgressDto): Promise<ProgressView> {
    return this.progressReports.report(user, id, body);
  }

  /** Newest first. */
  @Allow('admin', 'coordinator', 'observer', 'department')
  @Get(':id/progress')
  progress(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<ProgressView[]> {
    return this.progressReports.history(user, id);
  }

  private async act(user: AuthUser, id: string, action: TaskAction, change: { ifMatch?: string; reason?: string }, res: Response): Promise<TaskDetail> {
    return withEtag(res, await this.workflow.act(user, id, action, change));
  }
}

function withEtag(res: Response, task: TaskDetail): TaskDetail {
  res.setHeader('ETag', etagOf(task.version));
  return task;
}
