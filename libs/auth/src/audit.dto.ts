import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQueryOf } from '@duban/http';

export class AuditQueryDto extends PageQueryOf({ default: 50, max: 500 }) {
  @ApiPropertyOptional({ description: 'exact action (user.disabled) or a prefix ending in . or * (user.*)' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_.*]{1,80}$/, { message: '只能包含小写字母、_ 和 .（前缀可以 * 结尾）' })
  action?: string;

  @ApiPropertyOptional({ description: 'e.g. user, department, joint_meeting, task' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  targetType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  targetId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ description: 'admins only narrow by it; a coordinator always sees its own' })
  @IsOptional()
  @IsUUID()
  jurisdictionId?: string;

  @ApiPropertyOptional({ description: 'ISO instant, inclusive' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO instant, exclusive' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}
