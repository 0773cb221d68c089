import { Injectable, Logger } from '@nestjs/common';
import { type JobPayloads, type JobResult, OnJob } from '@duban/jobs';
import { Mailer } from '@duban/mail';
import { Outbox } from './outbox';

/** `mail.send`: claim the row, send it, mark it sent. A failure releases the row and is retried. */
@Injectable()
export class MailDelivery {
  private readonly logger = new Logger('mail');

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
      const released = await this.outbox.release(mail, error);
      this.logger.warn(`mail ${mail.id} (${mail.idempotency_key}) attempt ${mail.attempts} failed${released ? '' : ' after its lease was lost'}: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
    if (await this.outbox.markSent(mail)) {
      this.logger.log(`mail ${mail.id} (${mail.idempotency_key}) sent to ${mail.recipients.length} recipient(s), attempt ${mail.attempts}`);
    } else {
      // the relay took it after the lease ran out and another worker re-claimed the row: that
      // worker's send (same Message-ID) decides the row's state
      this.logger.warn(`mail ${mail.id} (${mail.idempotency_key}) sent after its lease was lost; the row is another worker's`);
    }
    return 'success';
  }
}
