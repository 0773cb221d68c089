import { Body, Controller, Get, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, type AuthUser, CurrentUser } from '@duban/auth';
import { DomainError } from '@duban/domain';
import { PlanIntakeService } from './plan-intake.service';
import { PlanUploadInterceptor } from './plan-upload.interceptor';
import { PlanService } from './plan.service';
import { ImportPlanDto, PlanListQuery } from './plans.dto';
import { pageAsArray, UuidParam } from '@duban/http';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('api/plans')
export class PlansController {
  constructor(
    private readonly intake: PlanIntakeService,
    private readonly plans: PlanService,
  ) {}

  /**
   * 201 with the new plan (and, for a revision, the added, changed and removed tasks); 200 when the
   * same text was imported before. `draft: true`: 201 `{id, status: "draft", taskCount, findings}`,
   * nothing dispatched until `POST /api/plans/{id}/publish`.
   */
  @Allow('coordinator', 'admin')
  @Post()
  @UseInterceptors(PlanUploadInterceptor)
  @ApiOperation({
    summary: 'Import a plan document',
    description:
      'JSON `{text}`, or `multipart/form-data` with the file in `file` (.txt, .docx, .doc, .wps, .pdf, .html, .xlsx; the format is read from the content) ' +
      'and the other fields as form fields. 413: the file is over the limit (4 MB) or inflates beyond the reader’s limits; 415: a format that cannot be read ' +
      '(the message says what to save it as); 422: a file without a readable plan (empty, damaged, password-protected, a scan without text, too slow to read).',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        text: { type: 'string', description: 'the plain text of a plan document (JSON body)' },
        file: { type: 'string', format: 'binary', description: 'the plan document itself (multipart/form-data)' },
        sourceName: { type: 'string', description: 'defaults to the uploaded file’s name' },
        draft: { type: 'boolean', description: 'import as a draft: reviewed and corrected by the coordinators, chased by nobody until published' },
      },
    },
  })
  async import(@CurrentUser() user: AuthUser, @Body() body: ImportPlanDto, @UploadedFile() file: Express.Multer.File | undefined, @Res({ passthrough: true }) res: Response) {
    const options = { sourceName: body.sourceName ?? (file ? fileName(file) : null), actor: user, draft: body.draft ?? false };
    if (file && body.text !== undefined) throw DomainError.invalid('请只提交文件或文本之一，不能同时提交', [{ field: 'text', message: '不能与文件（file）同时提交' }]);
    if (!file && body.text === undefined) throw DomainError.invalid('请提交方案文件：JSON 字段 text，或 multipart 的 file', [
        { field: 'text', message: '必填（或提交文件 file）' },
        { field: 'file', message: '必填（或提交文本 text）' },
      ]);
    const result = file ? await this.intake.importFile(file.buffer, fileName(file), options) : await this.intake.importText(body.text!, options);
    res.status(result.created ? 201 : 200);
    return { ...result.plan, created: result.created, ...(result.findings ? { findings: result.findings } : {}), ...(result.revision ? { revision: result.revision } : {}) };
  }

  /**
   * Newest first, as an array; `page`/`pageSize` (default 100, at most 500) with the total in `X-Total-Count`.
   * Each plan once, as its current version; `includeSuperseded=true` adds the versions revisions replaced.
   */
  @Allow('admin', 'coordinator', 'observer', 'department')
  @Get()
  async list(@CurrentUser() user: AuthUser, @Query() q: PlanListQuery, @Res({ passthrough: true }) res: Response) {
    return pageAsArray(res, await this.plans.list(user, q));
  }

  /** Every version of the plan, newest first (a superseded version's tasks moved on: its `taskCount` is 0). */
  @Allow('admin', 'coordinator', 'observer', 'department')
  @Get(':id/revisions')
  revisions(@CurrentUser() user: AuthUser, @UuidParam('id') id: string) {
    return this.plans.revisions(user, id);
  }

  @Allow('admin', 'coordinator', 'observer', 'department')
  @Get(':id')
  get(@CurrentUser() user: AuthUser, @UuidParam('id') id: string) {
    return this.plans.get(user, id);
  }
}

/** Browsers send UTF-8 file names; busboy reads them as Latin-1. */
function fileName(file: Express.Multer.File): string {
  const name = file.originalname;
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  return /[^\x00-\x7f]/.test(name) && !utf8.includes('\uFFFD') ? utf8 : name;
}
