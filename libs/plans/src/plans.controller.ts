import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, type AuthUser, CurrentUser } from '@duban/auth';
import { PlanImportService } from './plan-import.service';
import { PlanService } from './plan.service';
import { ImportPlanDto, PlanListQuery } from './plans.dto';
import { pageAsArray, UuidParam } from '@duban/http';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('api/plans')
export class PlansController {
  constructor(
    private readonly importer: PlanImportService,
    private readonly plans: PlanService,
  ) {}

  /**
   * 201 with the new plan (and, for a revision, the added, changed and removed tasks); 200 when the
   * same text was imported before. `draft: true`: 201 `{id, status: "draft", taskCount, findings}`,
   * nothing dispatched until `POST /api/plans/{id}/publish`.
   */
  @Allow('coordinator', 'admin')
  @Post()
  async import(@CurrentUser() user: AuthUser, @Body() body: ImportPlanDto, @Res({ passthrough: true }) res: Response) {
    const result = await this.importer.importText(body.text, { sourceName: body.sourceName ?? null, actor: user, draft: body.draft ?? false });
    res.status(result.created ? 201 : 200);
    return { ...result.plan, created: result.created, ...(result.findings ? { findings: result.findings } : {}), ...(result.revision ? { revision: result.revision } : {}) };
  }

  /** Newest first, as an array; `page`/`pageSize` (default 100, at most 500) with the total in `X-Total-Count`. */
  @Allow('admin', 'coordinator', 'observer', 'department')
  @Get()
  async list(@CurrentUser() user: AuthUser, @Query() q: PlanListQuery, @Res({ passthrough: true }) res: Response) {
    return pageAsArray(res, await this.plans.list(user, q));
  }

  @Allow('admin', 'coordinator', 'observer', 'department')
  @Get(':id')
  get(@CurrentUser() user: AuthUser, @UuidParam('id') id: string) {
    return this.plans.get(user, id);
  }
}
