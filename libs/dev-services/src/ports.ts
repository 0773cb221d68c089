/**
 * Default ports of the services `npm start` runs (each can be moved with its variable). All sit
 * below Linux's ephemeral range (32768–60999, and Windows'/BSD's 49152–65535), where the kernel
 * picks the source port of outgoing connections: a default there (54329 was) can find itself
 * taken by some client's connection at start-up. Away from the usual ones too (5432, 6379,
 * 1025/1080 of MailHog and SOCKS), so a developer's own PostgreSQL, Redis or proxy keeps its port.
 * scripts/run.sh repeats the PostgreSQL one for `plan:import` without DATABASE_URL.
 */
export const EMBEDDED_PORTS = {
  /** DUBAN_PG_PORT */
  postgres: 23432,
  /** DUBAN_REDIS_PORT */
  redis: 23379,
  /** DUBAN_SMTP_PORT: the mail catcher's SMTP */
  smtp: 23025,
  /** DUBAN_MAIL_WEB_PORT: the mail catcher's web page */
  mailWeb: 23080,
} as const;
