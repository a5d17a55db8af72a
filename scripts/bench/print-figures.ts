import pino from 'pino';
import { logger } from '../../src/logger';

/**
 * Writes a bench's figures as one JSON line, the last of its output. The logger writes
 * asynchronously, so a line written straight to stdout can overtake its last lines (and
 * `logger.flush()` does not wait for them); through the logger's own stream the figures queue
 * behind them.
 */
export function printFigures(figures: Readonly<Record<string, unknown>>): void {
  const line = `${JSON.stringify(figures)}\n`;
  const stream = (logger as unknown as Partial<Record<symbol, pino.DestinationStream>>)[
    pino.symbols.streamSym
  ];
  if (stream) stream.write(line);
  else process.stdout.write(line);
}
