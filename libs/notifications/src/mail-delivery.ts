import { Injectable } from '@nestjs/common';
import { type JobPayloads, type JobResult, OnJob } from '@duban/jobs';
import { Mailer } from '@duban/mail';
import { Outbox } from './outbox';

/** `mail.send`: claim the row, send it, mark it sent. A failure releases the row and is retried. */
@Injectable()
export class MailDelivery {
  constructor(
    private readonly outbox: Outbox,
    private readonly mailer: Mailer,
  ) {}

  @OnJob('mail.send')
  async deliver({ outboxId }: JobPayloads['mail.send']): Promise<JobResult> {
    const mail = await this.outbox.claim(outboxId);
    // sent already, or another worker holds a live lease on it
    if (!mail) return 'skipped';
    try {
      await this.mailer.send({ to: mail.recipients, subject: mail.subject, text: mail.text_body, html: mail.html_body, key: mail.idempotency_key, correlationId: mail.correlation_id });
    } catch (error) {
      await this.outbox.release(mail.id, error);
      throw error;
    }
    await this.outbox.markSent(mail.id);
    return 'success';
  }
}
