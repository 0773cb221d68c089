import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { TASK_STATUSES } from '@duban/domain';
import { PageQueryOf } from '@duban/http';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);

/** Task lists: 50 a page by default, at most 200. */
export class PageQuery extends PageQueryOf({ default: 50, max: 200 }) {}

/** The filters the task list and the overdue review share. */
class TaskFilterQuery extends PageQuery {
  @ApiPropertyOptional({
    description:
      'keyset paging: the `nextCursor` of the page before, sent with the same filters; the page after its last row, without an OFFSET ' +
      '(deep pages cost what the first does, and tasks changing meanwhile neither repeat nor skip rows). With a cursor, `page` is not ' +
      'read: the answer\'s `page` is the number of the page as counted from the first, and its `total` is the one counted for the ' +
      'first page of the listing (it does not follow changes made since; ask without a cursor for a fresh count).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: '须为本列表上一页返回的 nextCursor' })
  cursor?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  keyAreaId?: string;
}

export class ListTasksQuery extends TaskFilterQuery {
  @ApiPropertyOptional({ description: 'one status or several, comma-separated', enum: TASK_STATUSES })
  @IsOptional()
  @Transform(toList)
  @IsIn(TASK_STATUSES, { each: true })
  status?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsIn([true, false], { message: '须为 true 或 false' })
  overdue?: boolean;
}

export class OverdueQuery extends TaskFilterQuery {
  @ApiPropertyOptional({ description: 'only tasks at least this many days past their deadline' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  minDaysOverdue?: number;

  @ApiPropertyOptional({ enum: ['json', 'xlsx'] })
  @IsOptional()
  @IsIn(['json', 'xlsx'])
  format?: 'json' | 'xlsx';
}

export class ScorecardQuery extends PageQueryOf({ default: 200, max: 1000 }) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({ enum: ['json', 'xlsx'] })
  @IsOptional()
  @IsIn(['json', 'xlsx'])
  format?: 'json' | 'xlsx';
}

export class ReasonDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ExtensionRequestDto extends ReasonDto {
  @ApiProperty({ example: '2018-12-31' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '须为日期，格式 YYYY-MM-DD' })
  newDeadline!: string;
}

export class ProgressDto {
  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  percent!: number;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  summary!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  nextSteps?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true })
  evidenceUrls?: string[];
}

/** The answer of the task list and the overdue review (documentation only). */
export class TaskPageDoc {
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'the tasks of the page, in the list\'s order' })
  items!: object[];

  @ApiProperty({ description: 'tasks in the listing: counted now without a cursor; with a cursor, as counted for the listing\'s first page' })
  total!: number;

  @ApiProperty({ description: 'the page number (with a cursor: as counted from the first page)' })
  page!: number;

  @ApiProperty()
  pageSize!: number;

  @ApiProperty({ type: String, nullable: true, description: 'send as `cursor` (same filters) for the page after this one; null on the last page' })
  nextCursor!: string | null;
}
