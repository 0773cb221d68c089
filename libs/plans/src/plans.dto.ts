import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQueryOf } from '@duban/http';

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
  @IsBoolean({ message: '须为 true 或 false' })
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

/** `GET /api/plans`: still a bare array (clients read it so), paged with X-Total-Count. */
export class PlanListQuery extends PageQueryOf({ default: 100, max: 500 }) {
  @ApiPropertyOptional({ description: 'also list the versions later revisions superseded (each plan is otherwise listed once, as its current version; `GET /api/plans/{id}/revisions` lists one plan’s versions)', default: false })
  @IsOptional()
  @Transform(toFlag)
  @IsBoolean()
  includeSuperseded?: boolean;
}
