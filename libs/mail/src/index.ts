export { MAIL_SEND_TIMEOUT_MS, MailTimeoutError, Mailer, messageIdFor, type OutgoingMail } from './mailer';
export { MailModule } from './mail.module';
