import { Body, Controller, Get, Param, Put, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Allow, type AuthUser, CurrentUser } from '@duban/auth';
import { DomainError } from '@duban/domain';
import { CalendarService, type CalendarYearView } from './calendar.service';

const yearOf = (raw: string): number => {
  if (!/^\d{4}$/.test(raw)) throw DomainError.invalid('年份须为四位数字', [{ field: 'year', message: '须为四位数字，例如 2027' }]);
  return Number(raw);
};

/**
 * The official 放假/调休 arrangement per year, which every working-day rule reads. The State
 * Council publishes the next year's around November: an admin stores it here, no release needed.
 */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('api/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Allow('admin')
  @Get(':year')
  read(@Param('year') year: string): Promise<CalendarYearView> {
    return this.calendar.read(yearOf(year));
  }

  /** Replaces the year: `holidays` are the 放假 dates, `workdays` the 调休 working weekend days. */
  @Allow('admin')
  @Put(':year')
  @ApiBody({ schema: { type: 'object', required: ['holidays', 'workdays'], properties: { holidays: { type: 'array', items: { type: 'string', format: 'date' } }, workdays: { type: 'array', items: { type: 'string', format: 'date' } } } } })
  put(@CurrentUser() user: AuthUser, @Param('year') year: string, @Body() body: Record<string, unknown>): Promise<CalendarYearView> {
    return this.calendar.putJson(yearOf(year), body ?? {}, user);
  }

  /** The same from an iCalendar file (multipart field `file`); see parseIcsArrangement for the fields read. */
  @Allow('admin')
  @Put(':year/ics')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 1_000_000, files: 1 } }))
  putIcs(@CurrentUser() user: AuthUser, @Param('year') year: string, @UploadedFile() file: { buffer: Buffer } | undefined): Promise<CalendarYearView> {
    return this.calendar.putIcs(yearOf(year), file?.buffer, user);
  }
}
