import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TaskKind } from '@duban/persistence';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQueryOf } from '@duban/http';

export const TASK_KINDS: readonly TaskKind[] = ['task', 'project', 'safeguard'];

/** JSON sends a boolean, a form field a string: both spell the same flag. */
const toFlag = ({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);

export class ImportPlanDto {
  @ApiPropertyOptional({ description: 'the plain text of a plan document (UTF-8); or send the file itself as multipart/form-data `file`' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  text?: string;

  @ApiPropertyOptional({ example: 'qinghai-2017.txt' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  sourceName?: string;

  @ApiPropertyOptional({ description: 'import as a draft to review before anyone is chased (a form field may say "true" or "1")', default: false })
  @IsOptional()
  @Transform(toFlag)
  @IsBoolean({ message: 'draft must be true or false' })
  draft?: boolean;
}

export class DepartmentsQuery {
  @ApiPropertyOptional({ description: 'jurisdiction name (青海省) or id' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  jurisdiction?: string;
}

export class DepartmentEmailsDto {
  @ApiProperty({ type: [String], example: ['keji@qinghai.gov.cn'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsEmail({ require_tld: false }, { each: true })
  emails!: string[];
}

export class MergeDepartmentDto {
  @ApiProperty({ description: 'the department that survives' })
  @IsUUID()
  into!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class DepartmentAliasDto {
  @ApiProperty({ example: '省经信委' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  alias!: string;
}

export class RecipientsDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsEmail({ require_tld: false }, { each: true })
  recipients!: string[];
}

export class WorklistQuery extends PageQueryOf({ default: 100, max: 500 }) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  planId?: string;
}

/** `GET /api/plans`: still a bare array (clients read it so), paged with X-Total-Count. */
export class PlanListQuery extends PageQueryOf({ default: 100, max: 500 }) {}
const DEPARTMENT_REFS = 'department ids, in order; a name instead of an id is looked up in the directory and, when new, creates the department as an import does';

export class SetAssignmentsDto {
  @ApiProperty({ type: [String], description: DEPARTMENT_REFS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  lead!: string[];

  @ApiPropertyOptional({ type: [String], description: DEPARTMENT_REFS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  co?: string[];

  @ApiProperty({ description: 'kept in the task history' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class UpdateTaskDto {
  @ApiPropertyOptional({ example: '2018-12-31' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'deadline must be a date as YYYY-MM-DD' })
  deadline?: string;

  @ApiPropertyOptional({ description: 'the task title' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ enum: TASK_KINDS })
  @IsOptional()
  @IsIn(TASK_KINDS, { message: `kind must be one of ${TASK_KINDS.join(', ')}` })
  kind?: TaskKind;

  @ApiProperty({ description: 'kept in the task history' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class TaskPartDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiPropertyOptional({ description: 'the part of the clause this task covers; the title when absent' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  text?: string;
}

export class SplitTaskDto {
  @ApiProperty({ type: [TaskPartDto], description: 'exactly two parts: the task keeps the first, a new task takes the second' })
  @IsArray()
  @ArrayMinSize(2, { message: 'parts must name exactly two tasks' })
  @ArrayMaxSize(2, { message: 'parts must name exactly two tasks' })
  @ValidateNested({ each: true })
  @Type(() => TaskPartDto)
  parts!: TaskPartDto[];

  @ApiProperty({ description: 'kept in the task history' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class MergeTaskDto {
  @ApiProperty({ description: 'the task merged into this one (same draft plan); it is removed' })
  @IsUUID()
  taskId!: string;

  @ApiPropertyOptional({ description: 'the merged task\'s title; this task\'s when absent' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title?: string;

  @ApiProperty({ description: 'kept in the task history' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class DeleteTaskQuery {
  @ApiPropertyOptional({ description: 'kept in the task history' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
