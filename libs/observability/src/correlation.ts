import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The correlation id of the work under way: a request's id (its `X-Request-Id`, or the one the
 * request logger assigned), carried into the jobs it queues and the mails those jobs write, so one
 * id finds every log line and mail a click caused. Kept in AsyncLocalStorage so that no signature
 * between the controller and the mailer has to pass it along.
 */
const storage = new AsyncLocalStorage<{ id: string }>();

/** The mail header that names the correlation id of the request or job that caused the mail. */
export const CORRELATION_HEADER = 'X-Duban-Correlation-Id';

export function withCorrelation<T>(id: string, work: () => T): T {
  return storage.run({ id }, work);
}

export function correlationId(): string | undefined {
  return storage.getStore()?.id;
}
