import { performance } from 'node:perf_hooks';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '@duban/clock';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { type Sample, stateGauge } from '@duban/observability';
import { DEFAULT_SUMMARY_TIME } from './notification-rules';

/** `failed`: not sent, and the last attempt failed (the row waits for its retry). */
const OUTBOX_STATES = ['pending', 'sending', 'failed', 'sent'] as const;

/**
 * The outbox and the nightly summaries as an operator watches them, read from PostgreSQL at
 * scrape time (so any API replica answers the same): mails by state, the age of the oldest unsent
 * one, and how late the latest due summary of any joint meeting is.
 */
@Injectable()
export class NotificationMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly unregister: Array<() => void> = [];
  /** Both summary gauges come from one query: shared within a scrape. */
  private summaryRead?: { at: number; result: Promise<{ late: number; lateness: number }> };

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.unregister.push(
      stateGauge({ name: 'duban_outbox_mails', help: 'Mails in the outbox by state (pending, sending, failed: last attempt failed, sent)', labelNames: ['state'], collect: () => this.outbox() }),
      stateGauge({ name: 'duban_outbox_oldest_unsent_seconds', help: 'Age of the oldest mail not yet sent (0 when none)', collect: () => this.oldestUnsent() }),
      stateGauge({
        name: 'duban_summary_lateness_seconds',
        help: "Seconds since the scheduled time of the latest due nightly summary that has not run, the most of any joint meeting (0 when every meeting's is done)",
        collect: async () => [{ value: (await this.summaries()).lateness }],
      }),
      stateGauge({ name: 'duban_summary_late_meetings', help: 'Joint meetings whose latest due nightly summary has not run', collect: async () => [{ value: (await this.summaries()).late }] }),
    );
  }

  onModuleDestroy(): void {
    this.unregister.splice(0).forEach((off) => off());
  }

  private async outbox(): Promise<Sample[]> {
    const rows = await this.sql<{ state: string; n: number }>(
      `select case when status in ('sent', 'sending') then status when last_error is not null then 'failed' else 'pending' end as state, count(*)::int as n
         from mail_outbox group by 1`,
    );
    return OUTBOX_STATES.map((state) => ({ labels: { state }, value: rows.find((r) => r.state === state)?.n ?? 0 }));
  }

  private async oldestUnsent(): Promise<Sample[]> {
    const [row] = await this.sql<{ age: number | null }>(`select extract(epoch from (?::timestamptz - min(created_at)))::float as age from mail_outbox where status <> 'sent'`, [this.clock.now()]);
    return [{ value: Math.max(0, row?.age ?? 0) }];
  }

  /**
   * For each joint meeting, the latest night whose summary time (its own, in TZ_PLANS) has passed;
   * late when that night has no run and the meeting existed then.
   */
  private summaries(): Promise<{ late: number; lateness: number }> {
    const fresh = this.summaryRead && performance.now() - this.summaryRead.at < 1000;
    if (!fresh) this.summaryRead = { at: performance.now(), result: this.readSummaries() };
    return this.summaryRead!.result;
  }

  private async readSummaries(): Promise<{ late: number; lateness: number }> {
    const now = this.clock.now();
    const tz = this.config.tzPlans;
    const [row] = await this.sql<{ late: number; lateness: number }>(
      `with m as (
         select jm.id, jm.created_at, coalesce(s.summary_time, ?)::time as t, (?::timestamptz at time zone ?) as local_now
           from joint_meeting jm left join notification_settings s on s.jurisdiction_id = jm.jurisdiction_id
       ), due as (
         select id, created_at, night, ((night + t) at time zone ?) as due_at
           from (select m.*, case when m.local_now::date + m.t <= m.local_now then m.local_now::date else m.local_now::date - 1 end as night from m) n
       )
       select count(*)::int as late, coalesce(max(extract(epoch from (?::timestamptz - due_at))), 0)::float as lateness
         from due
        where due_at >= created_at
          and not exists (select 1 from summary_run r where r.joint_meeting_id = due.id and r.local_date = due.night)`,
      [DEFAULT_SUMMARY_TIME, now, tz, tz, now],
    );
    return { late: row?.late ?? 0, lateness: row?.lateness ?? 0 };
  }

  private sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
    return this.em.getConnection().execute<T[]>(query, params);
  }
}
