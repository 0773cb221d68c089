import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

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

export class WorklistQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
}

export class SetAssignmentsDto {
  @ApiProperty({ type: [String], description: 'department ids, in order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  lead!: string[];

  @ApiPropertyOptional({ type: [String], description: 'department ids, in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  co?: string[];

  @ApiProperty({ description: 'kept in the task history' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class UpdateTaskDto {
  @ApiProperty({ example: '2018-12-31' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'deadline must be a date as YYYY-MM-DD' })
  deadline!: string;

  @ApiProperty({ description: 'kept in the task history' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}
