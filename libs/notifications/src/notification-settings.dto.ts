import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsOptional, Matches, Max, Min, ValidateBy, type ValidationArguments } from 'class-validator';
import { DomainError, type LadderStep, parseLadder } from '@duban/domain';

/** The ladder is checked by the domain's own `parseLadder` (the rule the sweep trusts), its message kept. */
function IsEscalationLadder(): PropertyDecorator {
  return ValidateBy({
    name: 'isEscalationLadder',
    validator: {
      validate: (value: unknown) => {
        try {
          parseLadder(value);
          return true;
        } catch {
          return false;
        }
      },
      defaultMessage: (args?: ValidationArguments) => {
        try {
          parseLadder(args?.value);
        } catch (error) {
          if (error instanceof DomainError) return error.details.errors?.map((e) => e.message).join('; ') || error.message;
        }
        return 'invalid escalation ladder';
      },
    },
  });
}

/**
 * PATCH body: an absent field is left as it is; `null` puts it back to the built-in default.
 * (`@IsOptional()` lets null through; the service treats it as "default".)
 */
export class UpdateNotificationSettingsDto {
  @ApiPropertyOptional({ type: [Number], example: [30, 7, 1], description: 'days before a deadline: 1 to 10 distinct whole numbers, 1–365' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique({ message: 'reminderOffsets must not repeat a day count' })
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(365, { each: true })
  reminderOffsets?: number[] | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 28, example: 25 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(28)
  reportCycleDay?: number | null;

  @ApiPropertyOptional({ description: 'escalation steps (level, label, afterWorkingDays, notify, redCard), climbing' })
  @IsOptional()
  @IsEscalationLadder()
  ladder?: LadderStep[] | null;

  @ApiPropertyOptional({ example: '20:00', description: 'HH:mm in TZ_PLANS' })
  @IsOptional()
  @Matches(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'summaryTime must be HH:mm (00:00–23:59)' })
  summaryTime?: string | null;
}

export class NotificationSettingsView {
  @ApiProperty()
  jurisdictionId!: string;

  @ApiProperty({ type: [Number] })
  reminderOffsets!: number[];

  @ApiProperty()
  reportCycleDay!: number;

  @ApiProperty({ type: 'array', items: { type: 'object' } })
  ladder!: LadderStep[];

  @ApiProperty()
  summaryTime!: string;

  @ApiProperty({ description: 'fields still at the built-in default', type: [String] })
  defaults!: Array<'reminderOffsets' | 'reportCycleDay' | 'ladder' | 'summaryTime'>;
}
