import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { TASK_KINDS, type TaskKind } from '@duban/domain';
import { PageQueryOf } from '@duban/http';

/** The coordinator's changes of a task: the worklist, who holds it, its fields, and reshaping a draft. */

export class WorklistQuery extends PageQueryOf({ default: 100, max: 500 }) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  planId?: string;
}

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

/** `PATCH /api/tasks/{id}`: any of deadline, title and kind, with the reason kept in the history. */
export class UpdateTaskDto {
  @ApiPropertyOptional({ example: '2018-12-31' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '须为日期，格式 YYYY-MM-DD' })
  deadline?: string;

  @ApiPropertyOptional({ description: 'the task title' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ enum: TASK_KINDS })
  @IsOptional()
  @IsIn(TASK_KINDS, { message: `须为以下取值之一：${TASK_KINDS.join('、')}` })
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
  @ArrayMinSize(2, { message: '须恰好拆分为两项任务' })
  @ArrayMaxSize(2, { message: '须恰好拆分为两项任务' })
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
