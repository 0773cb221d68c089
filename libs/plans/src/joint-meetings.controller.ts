import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, type AuthUser, CurrentUser } from '@duban/auth';
import { JointMeetingService } from './joint-meeting.service';
import { RecipientsDto } from './plans.dto';
import { UuidParam } from '@duban/http';

@ApiTags('joint-meetings')
@ApiBearerAuth()
@Controller('api/joint-meetings')
export class JointMeetingsController {
  constructor(private readonly meetings: JointMeetingService) {}

  @Allow('admin', 'coordinator', 'observer')
  @Get()
  list(@CurrentUser() user: AuthUser) {
    return this.meetings.list(user);
  }

  /** Who receives the joint meeting's summary. */
  @Allow('coordinator', 'admin')
  @Patch(':id')
  setRecipients(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() body: RecipientsDto) {
    return this.meetings.setRecipients(user, id, body.recipients);
  }
}
