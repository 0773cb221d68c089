import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '@duban/config';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The idempotency key: the Message-ID is derived from it, so a resend is recognisably the same mail. */
  key: string;
}

/** The SMTP relay at SMTP_URL, sending as MAIL_FROM. Pooled: a batch of mails reuses connections. */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.from = config.mailFrom;
    // short timeouts: a hung relay must fail the job well within the outbox lease
    this.transport = createTransport({
      url: config.smtpUrl,
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

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: this.messageId(mail.key),
      headers: { 'X-Duban-Key': mail.key },
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
