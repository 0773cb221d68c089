import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '@duban/clock';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { type LocalDate, localDate } from '@duban/domain';
import { type JobPayloads, type JobResult, OnJob } from '@duban/jobs';
import { sweepDuration } from '@duban/observability';
import { EscalationSweep, type Notices } from './escalation.sweep';
import { DEFAULT_RULES, type JurisdictionRules, NotificationRules } from './notification-rules';
import { Outbox, type OutboxMail } from './outbox';
import { type Reminders, ReminderSweep } from './reminder.sweep';
import { WorkCalendarStore } from './work-calendar';

/** Jurisdictions per round: bounds memory and statement size at national scale (3,000 of them). */
const JURISDICTIONS_PER_ROUND = 100;
const MAILS_PER_WRITE = 200;

type Timer = <T>(phase: keyof SweepStats['ms'], work: () => Promise<T>) => Promise<T>;
const untimed: Timer = (_, work) => work();

export interface RoundFindings {
  moved: { changed: number; raised: number };
  notices: Notices;
  reminders: Reminders;
}

export interface SweepStats {
  today: string;
  escalated: number;
  changed: number;
  mails: number;
  relayed: number;
  failedRounds: number;
  /** Where the time went, in ms: for the log and the bench. */
  ms: { escalate: number; notices: number; reminders: number; write: number; total: number };
}

/**
 * `sweep.run`, at worker start and every SWEEP_INTERVAL_SECONDS: escalations, their notices and
 * the reminders, jurisdiction by jurisdiction, then the outbox relay. Safe to run twice at once
 * (two replicas starting): every effect is guarded by a unique key or a compare-and-set.
 */
@Injectable()
export class Sweep {
  private readonly logger = new Logger('sweep');

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly rules: NotificationRules,
    private readonly escalations: EscalationSweep,
    private readonly reminders: ReminderSweep,
    private readonly outbox: Outbox,
    private readonly calendar: WorkCalendarStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @OnJob('sweep.run')
  async handle(_: JobPayloads['sweep.run']): Promise<JobResult> {
    const stats = await this.run();
    this.logger.log(`sweep ${JSON.stringify(stats)}`);
    if (stats.failedRounds) throw new Error(`${stats.failedRounds} sweep round(s) failed; the others completed (see the log)`);
    return 'success';
  }

  async run(): Promise<SweepStats> {
    const end = sweepDuration.startTimer();
    try {
      const stats = await this.rounds();
      end({ outcome: stats.failedRounds ? 'partial' : 'ok' });
      return stats;
    } catch (error) {
      end({ outcome: 'failed' });
      throw error;
    }
  }

  private async rounds(): Promise<SweepStats> {
    // an admin may have stored a year's 放假/调休 arrangement since the last sweep
    await this.calendar.refresh();
    const now = this.clock.now();
    const today = localDate(now, this.config.tzPlans);
    const custom = await this.rules.customised();
    const rulesOf = (id: string) => custom.get(id) ?? DEFAULT_RULES;
    const ids = (await this.em.execute<Array<{ id: string }>>('select id from jurisdiction order by id')).map((r) => r.id);
    const stats: SweepStats = { today, escalated: 0, changed: 0, mails: 0, relayed: 0, failedRounds: 0, ms: { escalate: 0, notices: 0, reminders: 0, write: 0, total: 0 } };
    const started = performance.now();
    const timed: Timer = async (phase, work) => {
      const t = performance.now();
      try {
        return await work();
      } finally {
        stats.ms[phase] += Math.round(performance.now() - t);
      }
    };

    for (let i = 0; i < ids.length; i += JURISDICTIONS_PER_ROUND) {
      const round = ids.slice(i, i + JURISDICTIONS_PER_ROUND);
      try {
        const found = await this.collect(today, round, rulesOf, now, timed);
        stats.escalated += found.moved.raised;
        stats.changed += found.moved.changed;
        stats.mails += await this.commit(found, today, now, timed);
      } catch (error) {
        // one round failing (a bad row, a timeout) must not stop the other jurisdictions
        stats.failedRounds++;
        this.logger.error(`sweep round of ${round.length} jurisdictions from ${round[0]} failed: ${error instanceof Error ? error.stack : String(error)}`);
      }
    }
    stats.relayed = await this.outbox.relay();
    stats.ms.total = Math.round(performance.now() - started);
    return stats;
  }

  /** A round's reading half: the ladder moved, the notices and reminders it owes (not yet written). */
  async collect(today: LocalDate, round: string[], rulesOf: (id: string) => JurisdictionRules, now: Date, timed: Timer = untimed): Promise<RoundFindings> {
    const moved = await timed('escalate', () => this.escalations.escalate(today, round, rulesOf, now));
    const notices = await timed('notices', () => this.escalations.notices(today, round, rulesOf));
    const reminders = await timed('reminders', () => this.reminders.reminders(today, round, rulesOf));
    return { moved, notices, reminders };
  }

  /**
   * A round's writing half, in one transaction: the monthly asks are claimed, then the mails with
   * their task lines, then the escalations they cover are marked. Another sweep may have found the
   * same work (two jobs at once, on either side of midnight): whatever it claimed first is not
   * written again here, and what this round then drops stays due for the next sweep. Delivery is
   * queued after the commit (a crash before that leaves the rows to the relay). Returns the
   * number of mails written.
   */
  async commit(found: RoundFindings, today: LocalDate, now: Date, timed: Timer = untimed): Promise<number> {
    const { notices, reminders } = found;
    const rows = await timed('write', () =>
      this.em.transactional(async () => {
        // the ask is recorded per jurisdiction, not per task line (that was most of the report
        // day's cost): a mail carrying an ask another sweep recorded is not written
        const asked = await this.reminders.markReportsAsked(today, reminders.reportsAsked, now);
        const reminderMails = reminders.mails.filter((m) => !reminders.asks.has(m.key) || asked.has(reminders.asks.get(m.key)!));
        const written = await this.write([...notices.mails, ...reminderMails]);
        await this.escalations.markNoticed(notices, new Set(written.map((r) => r.key)), now);
        return written;
      }),
    );
    await timed('write', () => this.enqueue(rows.map((r) => r.id)));
    return rows.length;
  }

  /** Writes the mails; returns the rows written (a key written before is not). */
  private async write(mails: OutboxMail[]): Promise<Array<{ id: string; key: string }>> {
    const written: Array<{ id: string; key: string }> = [];
    for (let i = 0; i < mails.length; i += MAILS_PER_WRITE) written.push(...(await this.outbox.write(mails.slice(i, i + MAILS_PER_WRITE))));
    return written;
  }

  /** Queues delivery once the rows committed (a crash before this leaves them to the relay). */
  private async enqueue(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += MAILS_PER_WRITE) await this.outbox.enqueue(ids.slice(i, i + MAILS_PER_WRITE));
  }
}
