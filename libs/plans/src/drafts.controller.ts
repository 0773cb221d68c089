import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { UuidParam } from '@duban/http';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, type AuthUser, CurrentUser } from '@duban/auth';
import { PlanDraftService } from './plan-drafts.service';

/**
 * Review before dispatch: a plan imported with `draft: true` is corrected here (its tasks through
 * @duban/tasks: `PATCH /api/tasks/{id}`, `PUT …/assignments`, `DELETE`, `…/split`, `…/merge`), then published.
 */
@ApiTags('drafts')
@ApiBearerAuth()
@Controller('api')
export class DraftsController {
  constructor(private readonly drafts: PlanDraftService) {}

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
}
