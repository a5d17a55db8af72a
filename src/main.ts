// First: Application Insights, when configured, has to be running before http, restify,
// botbuilder and @azure/cosmos are loaded (src/telemetry.ts).
import { stopTelemetry } from './telemetry';
import { ConfigError, describeConfig, loadConfig } from './config';
import { startApp } from './app';
import { logger } from './logger';
import { VERSION } from './version';

/** Production entry point: configuration from the environment, then the app. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.fatal(
        { problems: error.problems },
        'refusing to start: the configuration is incomplete or wrong',
      );
      process.exitCode = 1;
      await stopTelemetry();
      return;
    }
    throw error;
  }
  logger.level = config.logLevel;
  logger.info({ config: describeConfig(config), version: VERSION }, 'starting Stand van zaken');
  const app = await startApp(config);
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'stopping: no new requests, finishing the turns and sends under way');
    void app
      .close()
      .then(() => stopTelemetry())
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
