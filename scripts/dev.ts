import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../src/config';
import { logger } from '../src/logger';
import { projectRoot } from '../src/project-root';
import { startDevStack } from './local/dev-stack';

const log = logger.child({ module: 'dev' });

/**
 * `npm run dev`: the bot, an embedded Cosmos DB whose data survives restarts (.local/cosmos),
 * demo data and the Agents Playground. Settings in env/.env.local, if present, override the
 * defaults; with COSMOS_ENDPOINT set there, the real account is used instead.
 */
async function main(): Promise<void> {
  const root = projectRoot();
  const envFile = join(root, 'env', '.env.local');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const stack = await startDevStack({
    env: process.env,
    persistTo: join(root, '.local', 'cosmos', 'data.json'),
  });
  const stop = () => void stack.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) log.fatal({ problems: error.problems }, 'refusing to start');
  else log.fatal({ err: error }, 'npm run dev failed');
  process.exit(1);
});
