import { Body, Controller, Delete, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, type AuthUser, CurrentUser } from '@duban/auth';
import { UuidParam } from '@duban/http';
import { DeleteTaskQuery, MergeTaskDto, SplitTaskDto } from './task-changes.dto';
import { TaskCorrectionService } from './task-corrections.service';

/** Reshaping the tasks of a draft plan before it is published (`POST /api/plans/{id}/publish`). */
@ApiTags('drafts')
@ApiBearerAuth()
@Controller('api')
export class TaskCorrectionsController {
  constructor(private readonly corrections: TaskCorrectionService) {}

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
