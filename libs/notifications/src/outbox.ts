import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Kysely } from '@mikro-orm/sql';
import { Clock } from '@duban/clock';
import type { MailContent } from '@duban/domain';
import { JOB_OPTIONS, jobIds, JobQueues } from '@duban/jobs';
import { correlationId } from '@duban/observability';

export type NoticeKind = 'reminder' | 'report' | 'escalation';

/** A task's line in a mail: once recorded, that stage is done for that recipient. */
export interface NoticeLine {
  kind: NoticeKind;
  taskId: string;
  /** `dept:<department id>` or `coord:<jurisdiction id>` */
  recipient: string;
  stage: string;
}

export interface OutboxMail {
  /** Unique in mail_outbox: the same key is never written, so never sent, twice. */
  key: string;
  kind: 'reminder' | 'escalation' | 'summary';
  recipients: string[];
  content: MailContent;
  lines?: NoticeLine[];
}

export interface ClaimedMail {
  id: string;
  idempotency_key: string;
  recipients: string[];
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
  lease_token: string;
  correlation_id: string | null;
}

/**
 * How long a claimed row belongs to the worker that claimed it. Twice the mailer's total
 * per-message limit (MAIL_SEND_TIMEOUT_MS), so a live sender never loses its row; one that does
 * (a stalled process) can no longer mark it sent or release it (the lease token).
 */
export const LEASE_MS = 120_000;
/** A row written but never queued (a crash between commit and enqueue) is picked up after this. */
const ORPHAN_MS = 60_000;

/**
 * The transactional outbox. Exactly-once as far as SMTP allows: a key is written once (unique),
 * a row is claimed under a lease before sending, marked sent after the relay's 250. The one
 * residual window is a crash after the relay accepted the message and before `markSent`
 * commits (a few ms): the row is re-sent after the lease with the same Message-ID, which is
 * what lets a receiving system recognise the duplicate. A crash at any other point neither
 * duplicates nor drops.
 */
@Injectable()
export class Outbox {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly queues: JobQueues,
  ) {}

  /**
   * Writes mails and their task lines, all or nothing per mail. A line's unique (task, kind,
   * stage, recipient) is the notice's idempotency key, not the mail's dated key: the lines are
   * claimed first, and a mail is written only if every one of its lines was claimed here. A line
   * another sweep holds (even one still in its transaction, say on the other side of midnight,
   * under another day's key) makes this mail write nothing; a mail whose key exists writes
   * nothing and gives its lines back. Either way its tasks stay due for the next sweep.
   * Returns the rows actually written.
   */
  async write(mails: OutboxMail[]): Promise<Array<{ id: string; key: string }>> {
    if (!mails.length) return [];
    // without lines (a summary) it is one statement: no transaction of its own needed
    return mails.some((m) => m.lines?.length) ? this.em.transactional(() => this.writeClaimingLines(mails)) : this.writeClaimingLines(mails);
  }

  private async writeClaimingLines(mails: OutboxMail[]): Promise<Array<{ id: string; key: string }>> {
    const rows = mails.map((m) => ({ ...m, id: randomUUID() }));
    const lines = rows
      .flatMap((m) => (m.lines ?? []).map((l) => ({ kind: l.kind, task_id: l.taskId, recipient: l.recipient, stage: l.stage, outbox_id: m.id })))
      // one order for every writer: two sweeps claiming overlapping lines wait, never deadlock
      .sort((a, b) => cmp(a.task_id, b.task_id) || cmp(a.kind, b.kind) || cmp(a.stage, b.stage) || cmp(a.recipient, b.recipient));
    const claimed = new Map<string, number>();
    if (lines.length) {
      const counts = await this.native<{ outbox_id: string; n: number }>(
        `with claimed as (
           insert into notice_item (id, kind, task_id, recipient, stage, outbox_id)
           select gen_random_uuid(), l->>'kind', (l->>'task_id')::uuid, l->>'recipient', l->>'stage', (l->>'outbox_id')::uuid
           from jsonb_array_elements($1::jsonb) with ordinality as e(l, n)
           order by e.n
           on conflict do nothing
           returning outbox_id
         )
         select outbox_id, count(*)::int as n from claimed group by outbox_id`,
        [JSON.stringify(lines)],
      );
      for (const c of counts) claimed.set(c.outbox_id, c.n);
    }
    const complete = rows.filter((m) => (claimed.get(m.id) ?? 0) === (m.lines?.length ?? 0));
    const written = complete.length
      ? await this.native<{ id: string; key: string }>(
          `insert into mail_outbox (id, idempotency_key, kind, recipients, subject, text_body, html_body, created_at, correlation_id)
           select m.id, m.key, m.kind, m.recipients, m.subject, m.text_body, m.html_body, $1::timestamptz, $2::text
           from jsonb_to_recordset($3::jsonb) as m(id uuid, key text, kind text, recipients text[], subject text, text_body text, html_body text)
           on conflict (idempotency_key) do nothing
           returning id, idempotency_key as key`,
          [
            this.clock.now().toISOString(),
            correlationId() ?? null,
            JSON.stringify(complete.map((m) => ({ id: m.id, key: m.key, kind: m.kind, recipients: m.recipients, subject: m.content.subject, text_body: m.content.text, html_body: m.content.html }))),
          ],
        )
      : [];
    const writtenIds = new Set(written.map((w) => w.id));
    const giveBack = lines.filter((l) => claimed.has(l.outbox_id) && !writtenIds.has(l.outbox_id));
    if (giveBack.length) {
      await this.native(
        `delete from notice_item n using jsonb_to_recordset($1::jsonb) as l(kind text, task_id uuid, recipient text, stage text, outbox_id uuid)
         where n.task_id = l.task_id and n.kind = l.kind and n.stage = l.stage and n.recipient = l.recipient and n.outbox_id = l.outbox_id`,
        [JSON.stringify(giveBack)],
      );
    }
    return written;
  }

  /**
   * A statement with bound parameters, in the current transaction if there is one. `em.execute`
   * inlines parameters into the SQL text: for a batch of mails (half a megabyte of JSON) escaping
   * and then lexing that literal cost more than the inserts (issue 11: 16 s of a 20 s write phase).
   */
  private async native<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    const client = this.em.getTransactionContext<Kysely<unknown>>() ?? this.em.getConnection().getClient<unknown>();
    const result = await client.executeQuery<T>({ sql, parameters, query: { kind: 'RawNode', sqlFragments: [sql], parameters: [] }, queryId: { queryId: randomUUID() } } as never);
    return result.rows;
  }

  /** Queues delivery of written rows (after their transaction committed). */
  async enqueue(ids: string[]): Promise<void> {
    await this.queues.addBulk(
      'mail.send',
      ids.map((id) => ({ data: { outboxId: id }, jobId: jobIds.mail(id, 0) })),
    );
  }

  /**
   * Takes the row for one send under a lease owned by a fresh token: only the holder of that
   * token may mark it sent or release it, so a sender that outlived its lease cannot touch a row
   * another worker has claimed since.
   */
  async claim(id: string): Promise<ClaimedMail | null> {
    const now = this.clock.now();
    const [row] = await this.em.execute<ClaimedMail[]>(
      `update mail_outbox set status = 'sending', attempts = attempts + 1, lease_until = ?, lease_token = ?, retry_at = null
       where id = ? and (status = 'pending' or (status = 'sending' and lease_until < ?))
       returning id, idempotency_key, recipients, subject, text_body, html_body, attempts, lease_token, correlation_id`,
      [new Date(now.getTime() + LEASE_MS), randomUUID(), id, now],
    );
    return row ?? null;
  }

  /** False when the lease was lost (run out and re-claimed): the row is the new holder's. */
  async markSent(mail: Pick<ClaimedMail, 'id' | 'lease_token'>): Promise<boolean> {
    const rows = await this.em.execute(
      `update mail_outbox set status = 'sent', sent_at = ?, lease_until = null, lease_token = null, last_error = null
       where id = ? and status = 'sending' and lease_token = ? returning 1`,
      [this.clock.now(), mail.id, mail.lease_token],
    );
    return rows.length > 0;
  }

  /**
   * The relay refused or was unreachable: back to pending, for BullMQ's retry with backoff. The
   * row notes when that retry is due, so the relay can tell a retry waiting in Redis from one
   * Redis lost.
   */
  async release(mail: Pick<ClaimedMail, 'id' | 'lease_token' | 'attempts'>, error: unknown): Promise<boolean> {
    const message = error instanceof Error ? error.message : String(error);
    const retryAt = new Date(this.clock.now().getTime() + retryDelayMs(mail.attempts));
    const rows = await this.em.execute(
      `update mail_outbox set status = 'pending', lease_until = null, lease_token = null, last_error = ?, retry_at = ?
       where id = ? and status = 'sending' and lease_token = ? returning 1`,
      [message.slice(0, 1000), retryAt, mail.id, mail.lease_token],
    );
    return rows.length > 0;
  }

  /**
   * Rows stranded without a job: left claimed by a dead worker (lease over), written but never
   * queued (a crash between commit and enqueue), or released for a retry that Redis no longer
   * holds (emptied, restarted without persistence). Queued again under an id that names the
   * attempt, so a replica doing the same queues the same job. A row that used up its attempts
   * waits for an admin (Bull Board), as before.
   */
  async relay(limit = 5000): Promise<number> {
    const now = this.clock.now();
    const rows = await this.em.execute<Array<{ id: string; attempts: number }>>(
      `select id, attempts from mail_outbox
       where status <> 'sent' and (
         (status = 'sending' and lease_until < ?)
         or (status = 'pending' and attempts = 0 and created_at < ?)
         or (status = 'pending' and attempts > 0 and attempts < ? and retry_at < ?))
       order by created_at limit ?`,
      [now, new Date(now.getTime() - ORPHAN_MS), MAIL_ATTEMPTS, new Date(now.getTime() - ORPHAN_MS), limit],
    );
    await this.queues.addBulk(
      'mail.send',
      rows.map((r) => ({ data: { outboxId: r.id }, jobId: jobIds.mail(r.id, r.attempts) })),
    );
    return rows.length;
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const MAIL_ATTEMPTS = JOB_OPTIONS['mail.send'].attempts ?? 1;

/** BullMQ's exponential backoff for the retry after `attempts` failures (JOB_OPTIONS['mail.send']). */
export function retryDelayMs(attempts: number): number {
  const backoff = JOB_OPTIONS['mail.send'].backoff;
  const base = typeof backoff === 'object' ? (backoff.delay ?? 0) : (backoff ?? 0);
  return base * 2 ** Math.max(0, Math.min(attempts, 20) - 1);
}
