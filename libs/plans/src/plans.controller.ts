import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, type AuthUser, CurrentUser } from '@duban/auth';
import { PlanImportService } from './plan-import.service';
import { PlanService } from './plan.service';
import { ImportPlanDto } from './plans.dto';

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

  @Allow('admin', 'coordinator', 'observer', 'department')
  @Get()
  list(@CurrentUser() user: AuthUser) {
    return this.plans.list(user);
  }

  @Allow('admin', 'coordinator', 'observer', 'department')
  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.plans.get(user, id);
  }
}
