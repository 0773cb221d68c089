import { Module } from '@nestjs/common';
import { JobsModule } from '@duban/jobs';
import { MailModule } from '@duban/mail';
import { MailAddresses } from './mail-addresses';
import { EscalationSweep } from './escalation.sweep';
import { MailDelivery } from './mail-delivery';
import { NotificationRules } from './notification-rules';
import { NotificationMetrics } from './notification.metrics';
import { NotificationSettingsController } from './notification-settings.controller';
import { NotificationSettingsService } from './notification-settings.service';
import { Outbox } from './outbox';
import { ReminderSweep } from './reminder.sweep';
import { ScheduleHealer } from './schedule-healer';
import { Schedules } from './schedules';
import { SummaryBuilder } from './summary.builder';
import { SummaryChart } from './summary.chart';
import { SummaryController } from './summary.controller';
import { SummaryJobs } from './summary.jobs';
import { SummaryRequests } from './summary.requests';
import { Sweep } from './sweep';
import { WorkCalendarStore, workCalendarProvider } from './work-calendar';
import { CalendarController } from './calendar.controller';
import { CalendarGaps } from './calendar.gaps';
import { CalendarService } from './calendar.service';
import { CalendarWatch } from './calendar.watch';

const SERVICES = [WorkCalendarStore, workCalendarProvider, CalendarGaps, CalendarWatch, NotificationRules, MailAddresses, Outbox, EscalationSweep, ReminderSweep, Sweep, SummaryBuilder, SummaryChart, SummaryJobs, MailDelivery];

/** Reminders, escalations, summaries and the mail outbox, without schedules or processors. */
@Module({ imports: [MailModule], providers: SERVICES, exports: SERVICES })
export class NotificationsModule {}

/** The worker's part: job processors, the handlers above, and the schedules. */
@Module({ imports: [NotificationsModule, JobsModule.forWorker()], providers: [Schedules, ScheduleHealer] })
export class NotificationsWorkerModule {}

/** The API's part: a coordinator asks for the summary now, reads and changes the jurisdiction's settings and calendar; /metrics shows the outbox and summaries. */
@Module({ controllers: [SummaryController, NotificationSettingsController, CalendarController], providers: [SummaryRequests, NotificationRules, NotificationSettingsService, CalendarService, CalendarGaps, NotificationMetrics], exports: [CalendarGaps] })
export class NotificationsApiModule {}
