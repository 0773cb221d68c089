import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { UuidParam } from '@duban/http';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, type AuthUser, CurrentUser } from '@duban/auth';
import { PlanDraftService } from './plan-drafts.service';
import { DeleteTaskQuery, MergeTaskDto, SplitTaskDto } from './plans.dto';
import { TaskCorrectionService } from './task-corrections.service';

/**
 * Review before dispatch: a plan imported with `draft: true` is corrected here (and through
 * `PATCH /api/tasks/{id}`, `PUT /api/tasks/{id}/assignments`), then published.
 */
@ApiTags('drafts')
@ApiBearerAuth()
@Controller('api')
export class DraftsController {
  constructor(
    private readonly drafts: PlanDraftService,
    private readonly corrections: TaskCorrectionService,
  ) {}

  /** What to look at before publishing, as the tasks stand now: `{taskId, taskIndex, code, message, field, value?, suggestion?}`. */
  @Allow('coordinator', 'admin')
  @Get('plans/:id/findings')
  findings(@CurrentUser() user: AuthUser, @UuidParam('id') id: string) {
    return this.drafts.findings(user, id);
  }

  /** Makes a draft live as a direct import would; 409 when it is published already. */
  @Allow('coordinator', 'admin')
  @Post('plans/:id/publish')
  @HttpCode(200)
  publish(@CurrentUser() user: AuthUser, @UuidParam('id') id: string) {
    return this.drafts.publish(user, id);
  }

  /** A task of a draft plan only (409 for a live one); kept with its history, no longer listed. */
  @Allow('coordinator', 'admin')
  @Delete('tasks/:id')
  @HttpCode(204)
  async remove(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Query() query: DeleteTaskQuery): Promise<void> {
    await this.corrections.remove(user, id, query.reason);
  }

  /** Splits a draft task in two: `{parts: [{title, text?}, {title, text?}], reason}` → 201 with both tasks. */
  @Allow('coordinator', 'admin')
  @Post('tasks/:id/split')
  split(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() body: SplitTaskDto) {
    return this.corrections.split(user, id, body);
  }

  /** Merges draft task `taskId` into this one (same draft plan): `{taskId, title?, reason}`. */
  @Allow('coordinator', 'admin')
  @Post('tasks/:id/merge')
  @HttpCode(200)
  merge(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() body: MergeTaskDto) {
    return this.corrections.merge(user, id, body);
  }
}
