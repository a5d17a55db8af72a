import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

/** What every log line written while handling one request carries. */
export interface LogContext {
  /** One id per request (a turn, a download, a scheduler run): all its lines can be found by it. */
  readonly correlationId: string;
  readonly activityId?: string;
}

const context = new AsyncLocalStorage<LogContext>();

/** Runs `work` with `log` lines tagged with this request's correlation id, however deep they are written. */
export function withLogContext<T>(log: LogContext, work: () => T): T {
  return context.run(log, work);
}

/**
 * A JSON logger that tags every line with the request it belongs to and redacts secrets by
 * path; to stdout, or to `destination` (tests read what an operator would).
 */
export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level: 'info',
    mixin: () => ({ ...context.getStore() }),
    redact: ['*.password', '*.key', '*.secret', 'config.bot.password', 'config.cosmos.key'],
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The one logger; modules take a child with their name. */
export const logger = createLogger();

export type Logger = pino.Logger;
