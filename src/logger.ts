import pino from 'pino';

/** The one logger; modules take a child with their name. Secrets are redacted by path. */
export const logger = pino({
  level: 'info',
  redact: ['*.password', '*.key', '*.secret', 'config.bot.password', 'config.cosmos.key'],
});

export type Logger = pino.Logger;
