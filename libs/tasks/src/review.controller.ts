import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, type AuthUser, CurrentUser } from '@duban/auth';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { DEFAULT_LADDER, localDate, TASK_STATUS_LABELS, type TaskStatus } from '@duban/domain';
import { pageAsArray, pageOf } from '@duban/http';
import { type DepartmentScore, ReviewService } from './review.service';
import { OverdueQuery, ScorecardQuery } from './tasks.dto';
import type { TaskItem } from './task.views';
import { type Column, wantsXlsx, XLSX_TYPE, xlsxFile } from './xlsx';

const names = (ds: { name: string }[]) => ds.map((d) => d.name).join('、');

/** 黄牌/橙牌/红牌 as the 台账 says it; a level of a jurisdiction's own ladder keeps its name. */
const levelLabel = (level: string | null) => (level ? (DEFAULT_LADDER.find((s) => s.level === level)?.label.concat('牌') ?? level) : '');

/** A report's day as the departments live it: in the plans' zone (TZ_PLANS), not UTC's. */
const reportDay = (at: string | null, tz: string) => (at ? localDate(new Date(at), tz) : '从未报送');

const overdueColumns = (tz: string): Column<TaskItem>[] => [
  { header: '所属方案', width: 30, value: (t) => t.planTitle },
  { header: '重点领域', width: 24, value: (t) => t.section },
  { header: '任务', width: 50, value: (t) => t.title },
  { header: '牵头单位', width: 24, value: (t) => names(t.lead) },
  { header: '配合单位', width: 30, value: (t) => names(t.co) },
  { header: '完成时限', width: 12, value: (t) => t.deadline },
  { header: '逾期天数', width: 10, value: (t) => t.daysOverdue },
  { header: '状态', width: 10, value: (t) => TASK_STATUS_LABELS[t.status as TaskStatus] ?? t.status },
  { header: '督办等级', width: 10, value: (t) => levelLabel(t.escalationLevel) },
  { header: '最近报送', width: 20, value: (t) => reportDay(t.lastProgressAt, tz) },
];

const scoreColumns = (tz: string): Column<DepartmentScore>[] => [
  { header: '单位', width: 30, value: (s) => s.name },
  { header: '牵头任务', width: 10, value: (s) => s.asLead },
  { header: '配合任务', width: 10, value: (s) => s.asCo },
  { header: '已完成', width: 10, value: (s) => s.completed },
  { header: '按期完成', width: 10, value: (s) => s.completedOnTime },
  { header: '逾期未完成', width: 12, value: (s) => s.overdue },
  { header: '30天未报送', width: 12, value: (s) => s.noReportIn30Days },
  { header: '最近报送', width: 20, value: (s) => reportDay(s.lastReportAt, tz) },
];

/** JSON by default; `?format=xlsx` (or Accept: the xlsx type) downloads the same rows for the 台账. */
@ApiTags('review')
@ApiBearerAuth()
@Controller('api')
export class ReviewController {
  constructor(
    private readonly review: ReviewService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The jurisdiction's overdue tasks, most overdue first; the .xlsx holds every one of them. */
  @Allow('coordinator', 'observer', 'admin')
  @ApiProduces('application/json', XLSX_TYPE)
  @Get('review/overdue')
  async overdue(@CurrentUser() user: AuthUser, @Query() q: OverdueQuery, @Headers('accept') accept?: string) {
    if (wantsXlsx(q.format, accept)) return xlsxFile('逾期任务台账', overdueColumns(this.config.tzPlans), this.review.overdueAll(user, q));
    return this.review.overdue(user, q, q.page, q.pageSize);
  }

  /**
   * A scorecard per department: tasks led and helped with, completed (on time), overdue, silent.
   * JSON stays an array, paged by `page`/`pageSize` (default 200, at most 1000) with the total in
   * `X-Total-Count`; the .xlsx holds every department.
   */
  @Allow('coordinator', 'observer', 'admin')
  @ApiProduces('application/json', XLSX_TYPE)
  @Get('scorecards/departments')
  async scorecards(@CurrentUser() user: AuthUser, @Query() q: ScorecardQuery, @Res({ passthrough: true }) res: Response, @Headers('accept') accept?: string) {
    const scores = await this.review.scorecard(user, q.planId);
    if (wantsXlsx(q.format, accept)) return xlsxFile('部门考核情况', scoreColumns(this.config.tzPlans), scores);
    return pageAsArray(res, pageOf(scores, q));
  }

  /**
   * The scorecard's first address: "reports" there meant the scorecard, not progress reports (进展报送).
   * Kept, same answer and rights, for clients written against it (the console before it moved).
   */
  @Allow('coordinator', 'observer', 'admin')
  @ApiOperation({ deprecated: true, summary: 'Deprecated alias of GET /api/scorecards/departments' })
  @ApiProduces('application/json', XLSX_TYPE)
  @Get('reports/departments')
  departmentsAlias(@CurrentUser() user: AuthUser, @Query() q: ScorecardQuery, @Res({ passthrough: true }) res: Response, @Headers('accept') accept?: string) {
    return this.scorecards(user, q, res, accept);
  }
}
