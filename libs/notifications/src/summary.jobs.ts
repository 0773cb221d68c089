import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '@duban/clock';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { addDays, localDateTime, summaryHasNews, summaryMail } from '@duban/domain';
import { jobIds, JobQueues, type JobPayloads, type JobResult, OnJob } from '@duban/jobs';
import { DEFAULT_SUMMARY_TIME, NotificationRules } from './notification-rules';
import { CalendarWatch } from './calendar.watch';
import { Outbox } from './outbox';
import { reviveFailed, SUMMARY_CATCH_UP_NIGHTS } from './summary.catch-up';
import { SummaryBuilder } from './summary.builder';
import { SummaryChart } from './summary.chart';

interface MeetingRow {
  id: string;
  name: string;
  recipients: string[];
  jurisdiction_id: string;
  jurisdiction: string;
}

/**
 * The nightly 联席会议 summary. `summary.fanout` runs every minute and queues `summary.send` for
 * each meeting whose summary time has come tonight and that has no run yet (errors stay per
 * meeting: each is its own job). A run row, unique per meeting and night, is written in the same
 * transaction as the mail's outbox row, so one mail per night however many workers run.
 * Late rather than never: the fan-out also queues the nights of the last
 * SUMMARY_CATCH_UP_NIGHTS days that have no run (no worker was up, the database was down), and
 * retries a night's job that failed, whose fixed id would otherwise block re-adding it.
 */
@Injectable()
export class SummaryJobs {
  private readonly logger = new Logger('summary');

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly rules: NotificationRules,
    private readonly builder: SummaryBuilder,
    private readonly chart: SummaryChart,
    private readonly outbox: Outbox,
    private readonly queues: JobQueues,
    private readonly calendarWatch: CalendarWatch,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @OnJob('summary.fanout')
  async fanout(): Promise<JobResult> {
    const { date, time } = localDateTime(this.clock.now(), this.config.tzPlans);
    const due = await this.em.execute<Array<{ id: string; local_date: string }>>(
      `select jm.id, to_char(n.night, 'YYYY-MM-DD') as local_date
       from joint_meeting jm
       cross join generate_series(?::date - ?::int, ?::date, interval '1 day') as n(night)
       left join notification_settings s on s.jurisdiction_id = jm.jurisdiction_id
       where (n.night = ?::date and coalesce(s.summary_time, ?) <= ?
              or n.night < ?::date and n.night >= (jm.created_at at time zone ?)::date)
         and not exists (select 1 from summary_run r where r.joint_meeting_id = jm.id and r.local_date = n.night)
       order by n.night`,
      [date, SUMMARY_CATCH_UP_NIGHTS, date, date, DEFAULT_SUMMARY_TIME, time, date, this.config.tzPlans],
    );
    const jobs = due.map((m) => ({ data: { jointMeetingId: m.id, localDate: m.local_date }, jobId: jobIds.summary(m.id, m.local_date) }));
    await this.queues.addBulk('summary.send', jobs);
    const revived = await reviveFailed(this.queues.queue('notifications'), jobs.map((j) => j.jobId));
    // at summary time, the admins also hear of deadlines in years without a holiday arrangement
    if (due.length) await this.calendarWatch.notifyAdmins(date).catch((error: unknown) => this.logger.warn(`calendar warning not written: ${String(error)}`));
    if (due.length) this.logger.log(`summary fan-out ${date} ${time}: ${due.length} night(s) due${revived ? `, ${revived} failed job(s) retried` : ''}`);
    return due.length ? 'success' : 'skipped';
  }

  @OnJob('summary.send')
  async send({ jointMeetingId, localDate, requestId }: JobPayloads['summary.send']): Promise<JobResult> {
    const [meeting] = await this.em.execute<MeetingRow[]>(
      `select jm.id, jm.name, jm.recipients, j.id as jurisdiction_id, j.name as jurisdiction
       from joint_meeting jm join jurisdiction j on j.id = jm.jurisdiction_id where jm.id = ?`,
      [jointMeetingId],
    );
    if (!meeting) return 'skipped';
    const nightly = !requestId;
    if (nightly && (await this.ran(meeting.id, localDate))) return 'skipped';

    const [previous] = await this.em.execute<Array<{ local_date: string; created_at: Date }>>(
      `select to_char(local_date, 'YYYY-MM-DD') as local_date, created_at from summary_run
       where joint_meeting_id = ? and local_date < ?::date order by local_date desc limit 1`,
      [meeting.id, localDate],
    );
    const rules = await this.rules.forJurisdiction(meeting.jurisdiction_id);
    const input = await this.builder.build({
      meeting: meeting.name,
      jurisdictionId: meeting.jurisdiction_id,
      jurisdiction: meeting.jurisdiction,
      date: localDate,
      since: previous?.local_date ?? addDays(localDate, -1),
      sinceInstant: previous?.created_at ?? new Date(this.clock.now().getTime() - 86_400_000),
      ladder: rules.ladder,
    });
    // a summary asked for by a coordinator goes out even when quiet: someone is waiting for it
    const outcome = !meeting.recipients.length ? 'no_recipients' : nightly && !summaryHasNews(input) ? 'empty' : 'sent';

    const picture = outcome === 'sent' ? await this.chart.draw(meeting.jurisdiction_id, localDate, rules.ladder) : null;
    const extras = { consoleUrl: this.config.publicUrl, chart: picture && { pngBase64: picture.png.toString('base64'), key: picture.key } };
    const written = await this.em.transactional(async () => {
      const key = nightly ? `summary:${meeting.id}:${localDate}` : `summary:${meeting.id}:now:${requestId}`;
      const ids = outcome === 'sent' ? (await this.outbox.write([{ key, kind: 'summary', recipients: meeting.recipients, content: summaryMail(input, extras) }])).map((r) => r.id) : [];
      if (nightly) {
        await this.em.execute(
          `insert into summary_run (id, joint_meeting_id, local_date, outcome, outbox_id, created_at)
           values (gen_random_uuid(), ?, ?::date, ?, ?, ?) on conflict (joint_meeting_id, local_date) do nothing`,
          [meeting.id, localDate, outcome, ids[0] ?? null, this.clock.now()],
        );
      }
      return ids;
    });
    await this.outbox.enqueue(written);
    this.logger.log(`summary ${meeting.id} ${localDate}${nightly ? '' : ` (asked ${requestId})`}: ${outcome}${written.length ? '' : outcome === 'sent' ? ' (already written)' : ''}`);
    return written.length ? 'success' : 'skipped';
  }

  private async ran(meetingId: string, localDate: string): Promise<boolean> {
    const rows = await this.em.execute(`select 1 from summary_run where joint_meeting_id = ? and local_date = ?::date`, [meetingId, localDate]);
    return rows.length > 0;
  }
}
