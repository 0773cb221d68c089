import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQueryOf } from '@duban/http';
import { MIN_PASSWORD_LENGTH } from './password-policy';
import { type Role, ROLES } from './permissions';

export class LoginDto {
  @ApiProperty({ example: 'coordinator1@duban.local' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  email!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'the refreshToken of the last login or refresh' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken!: string;
}

export class CreateUserDto {
  @ApiProperty()
  @IsEmail({ require_tld: false })
  @MaxLength(320)
  email!: string;

  @ApiPropertyOptional({ minLength: 10, description: 'without one, a set-password link is mailed to the account (valid 72 h, once)' })
  @IsOptional()
  @IsString()
  // checked here too (not only by the policy) so one 400 names it along with the other fields
  @MinLength(MIN_PASSWORD_LENGTH, { message: `至少 ${MIN_PASSWORD_LENGTH} 个字符` })
  @MaxLength(1024)
  password?: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ description: 'required for the department role' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ description: 'required for coordinator and observer, e.g. 青海省' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  jurisdiction?: string;
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListUsersQuery extends PageQueryOf({ default: 50, max: 200 }) {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'a coordinator always sees its own jurisdiction' })
  @IsOptional()
  @IsUUID()
  jurisdictionId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ description: 'part of the email or display name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ description: 'true ends every session of the user at once' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'for the department role' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ description: 'for coordinator and observer, e.g. 青海省' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  jurisdiction?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  displayName?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '0971-1234567' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9+\-() ]{3,30}$/, { message: '只能包含数字、空格和 + - ( )' })
  phone?: string | null;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  currentPassword!: string;

  @ApiProperty({ minLength: 10, description: 'at least 10 characters, not the email, not a common password' })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}

export class SetPasswordDto {
  @ApiProperty({ description: 'the token from the fragment of the mailed link (…/set-password#token=…)' })
  @IsString()
  @Matches(/^[\w-]{20,100}$/, { message: '不是有效的设置密码链接' })
  token!: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}
