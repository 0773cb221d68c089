import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { CORRELATION_HEADER } from '@duban/observability';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The idempotency key: the Message-ID is derived from it, so a resend is recognisably the same mail. */
  key: string;
  /** The request or job that caused the mail (X-Duban-Correlation-Id), for tracing it in the logs. */
  correlationId?: string | null;
}

/**
 * The whole of one message's SMTP exchange, connect to the final 250, however slowly the relay
 * trickles its replies (the socket timeout restarts on every byte). Half the outbox lease.
 */
export const MAIL_SEND_TIMEOUT_MS = 60_000;

export class MailTimeoutError extends Error {
  constructor(ms: number) {
    super(`the SMTP relay did not accept the message within ${ms} ms`);
  }
}

/** The SMTP relay at SMTP_URL, sending as MAIL_FROM. Pooled: a batch of mails reuses connections. */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private transport: Transporter;
  private readonly from: string;
  private readonly smtpUrl: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.from = config.mailFrom;
    this.smtpUrl = config.smtpUrl;
    this.transport = this.connect();
  }

  private connect(): Transporter {
    // short timeouts: a hung relay must fail the job well within the outbox lease
    return createTransport({
      url: this.smtpUrl,
      pool: true,
      maxConnections: 5,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as never);
  }

  messageId(key: string): string {
    return messageIdFor(key, this.from);
  }

  /** Fails after MAIL_SEND_TIMEOUT_MS in all: the stalled connections are closed, never reused. */
  async send(mail: OutgoingMail, timeoutMs = MAIL_SEND_TIMEOUT_MS): Promise<void> {
    const transport = this.transport;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // closing the pool aborts the stalled exchange before any 250, so the relay never
        // delivers a message we report as failed; other sends on it fail and are retried
        if (this.transport === transport) this.transport = this.connect();
        transport.close();
        reject(new MailTimeoutError(timeoutMs));
      }, timeoutMs);
    });
    try {
      await Promise.race([this.sendOn(transport, mail), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async sendOn(transport: Transporter, mail: OutgoingMail): Promise<void> {
    await transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: this.messageId(mail.key),
      headers: { 'X-Duban-Key': mail.key, ...(mail.correlationId ? { [CORRELATION_HEADER]: mail.correlationId } : {}) },
      // pictures travel in the stored HTML as data: URLs; they leave as inline CID parts, which mail clients show
      attachDataUrls: true,
    });
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}

export function messageIdFor(key: string, from: string): string {
  const domain = from.split('@')[1] ?? 'duban.local';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;
}
