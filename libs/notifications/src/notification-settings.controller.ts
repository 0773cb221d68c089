import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, type AuthUser, CurrentUser } from '@duban/auth';
import { NotificationSettingsView, UpdateNotificationSettingsDto } from './notification-settings.dto';
import { NotificationSettingsService } from './notification-settings.service';
import { UuidParam } from '@duban/http';

@ApiTags('notification-settings')
@ApiBearerAuth()
@Controller('api/jurisdictions')
export class NotificationSettingsController {
  constructor(private readonly settings: NotificationSettingsService) {}

  /** Reminder offsets, report day, escalation ladder and summary time in force (defaults filled in). */
  @Allow('admin', 'coordinator', 'observer')
  @Get(':id/notification-settings')
  @ApiOkResponse({ type: NotificationSettingsView })
  read(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<NotificationSettingsView> {
    return this.settings.read(id, user);
  }

  /** Changes some settings: absent fields stay, `null` restores the default. Answers with the settings in force. */
  @Allow('admin', 'coordinator')
  @Patch(':id/notification-settings')
  @ApiOkResponse({ type: NotificationSettingsView })
  update(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() body: UpdateNotificationSettingsDto): Promise<NotificationSettingsView> {
    return this.settings.update(id, user, body);
  }
}
