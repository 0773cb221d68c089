export { Mailer, messageIdFor, type OutgoingMail } from './mailer';
export { MailModule } from './mail.module';
