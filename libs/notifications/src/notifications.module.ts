import { Module } from '@nestjs/common';
import { JobsModule } from '@duban/jobs';
import { MailModule } from '@duban/mail';
import { Directory } from './directory';
import { EscalationSweep } from './escalation.sweep';
import { MailDelivery } from './mail-delivery';
import { NotificationRules } from './notification-rules';
import { NotificationSettingsController } from './notification-settings.controller';
import { NotificationSettingsService } from './notification-settings.service';
import { Outbox } from './outbox';
import { ReminderSweep } from './reminder.sweep';
import { Schedules } from './schedules';
import { SummaryBuilder } from './summary.builder';
import { SummaryChart } from './summary.chart';
import { SummaryController } from './summary.controller';
import { SummaryJobs } from './summary.jobs';
import { SummaryRequests } from './summary.requests';
import { Sweep } from './sweep';
import { workCalendarProvider } from './work-calendar';

const SERVICES = [workCalendarProvider, NotificationRules, Directory, Outbox, EscalationSweep, ReminderSweep, Sweep, SummaryBuilder, SummaryChart, SummaryJobs, MailDelivery];

/** Reminders, escalations, summaries and the mail outbox, without schedules or processors. */
@Module({ imports: [MailModule], providers: SERVICES, exports: SERVICES })
export class NotificationsModule {}

/** The worker's part: job processors, the handlers above, and the schedules. */
@Module({ imports: [NotificationsModule, JobsModule.forWorker()], providers: [Schedules] })
export class NotificationsWorkerModule {}

/** The API's part: a coordinator asks for the summary now, reads and changes the jurisdiction's settings. */
@Module({ controllers: [SummaryController, NotificationSettingsController], providers: [SummaryRequests, NotificationRules, NotificationSettingsService] })
export class NotificationsApiModule {}
