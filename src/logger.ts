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
