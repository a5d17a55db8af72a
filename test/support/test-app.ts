import { startApp, type AppOptions, type RunningApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { logger } from '../../src/logger';
import { freshCosmosConfig } from './local-cosmos-fixture';

/**
 * The real app as the integration tests run it: listening on a free port of 127.0.0.1, no
 * scheduler timer (tests tick it), a log that says nothing, and a database of its own on the
 * local Cosmos server (or `cosmos`, when the test needs to know it first). `settings` add to or
 * override the environment.
 */
export async function startTestApp(
  settings: Readonly<Record<string, string>> = {},
  options: AppOptions & { readonly cosmos?: Config['cosmos'] } = {},
): Promise<{ readonly app: RunningApp; readonly botUrl: string; readonly cosmos: Config['cosmos'] }> {
  const { cosmos = await freshCosmosConfig(), ...appOptions } = options;
  const app = await startApp(
    loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      SCHEDULER_INTERVAL_SECONDS: '0',
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key ?? '',
      COSMOS_DATABASE: cosmos.database,
      ...settings,
    }),
    { log: logger.child({}, { level: 'silent' }), ...appOptions },
  );
  return { app, botUrl: `http://127.0.0.1:${app.port}`, cosmos };
}
