import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';
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

const consoleTarget = new AsyncLocalStorage<pino.Logger>();
let consoleDiverted = false;

/**
 * Runs `work` with what libraries print with console.error and console.warn meanwhile written to
 * `log` instead, tagged with the request like every other line: botframework-connector prints
 * each refused token, stack trace and all. Outside such work console is left alone.
 */
export function withLibraryOutputInLog<T>(log: pino.Logger, work: () => Promise<T>): Promise<T> {
  if (!consoleDiverted) {
    consoleDiverted = true;
    /* eslint-disable no-console -- console is redirected here, not used */
    const printed = { error: console.error.bind(console), warn: console.warn.bind(console) };
    for (const level of ['error', 'warn'] as const) {
      console[level] = (...args: unknown[]) => {
        const target = consoleTarget.getStore();
        if (!target) {
          printed[level](...args);
          return;
        }
        const [first] = args;
        if (args.length === 1 && first instanceof Error) target.warn({ err: first }, 'printed by a library');
        else target.warn({ printed: format(...args) }, 'printed by a library');
      };
    }
    /* eslint-enable no-console */
  }
  return consoleTarget.run(log, work);
}

/** The one logger; modules take a child with their name. */
export const logger = createLogger();

export type Logger = pino.Logger;

/** A log for what strangers can cause (refused requests): at most `limit` lines a window. */
export interface BoundedLog {
  (level: 'debug' | 'info' | 'warn', fields: Record<string, unknown>, message: string): void;
}

/**
 * Writes at most `limit` lines per `windowMs`, so a flood of refused requests cannot flood the
 * log (and its bill). The first line of the next window says how many were left out.
 */
export function boundedLog(
  log: Logger,
  { limit = 30, windowMs = 60_000, now = () => performance.now() } = {},
): BoundedLog {
  let windowStart = -Infinity;
  let written = 0;
  let leftOut = 0;
  return (level, fields, message) => {
    const at = now();
    if (at - windowStart >= windowMs) {
      if (leftOut > 0)
        log.warn({ leftOut }, `${leftOut} refused requests were not logged in the last window`);
      windowStart = at;
      written = 0;
      leftOut = 0;
    }
    if (!log.isLevelEnabled(level)) return;
    if (written >= limit) {
      leftOut += 1;
      return;
    }
    written += 1;
    log[level](fields, message);
  };
}
