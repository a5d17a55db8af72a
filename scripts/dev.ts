import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startApp } from '../src/app';
import { ConfigError, describeConfig, loadConfig } from '../src/config';
import { logger } from '../src/logger';
import { projectRoot } from '../src/project-root';
import { cosmosRepositories } from '../src/infrastructure/cosmos/repositories';
import { DEMO_CONTACT, DEMO_PROJECTS, PLAYGROUND_USER } from './local/demo-data';
import { startLocalCosmos } from './local/local-cosmos';

const PLAYGROUND_PORT = 56150;
const LOCAL_COSMOS_PORT = 8081;
const log = logger.child({ module: 'dev' });

/**
 * `npm run dev`: everything the bot needs on this machine, all on 127.0.0.1. An embedded
 * Cosmos DB server (data kept in .local/), the bot with demo data, and the Agents Playground.
 * Settings in env/.env.local, if present, override the defaults; with COSMOS_ENDPOINT set
 * there, the real account is used instead of the embedded one.
 */
async function main(): Promise<void> {
  const root = projectRoot();
  const envFile = join(root, 'env', '.env.local');
  if (existsSync(envFile)) process.loadEnvFile(envFile);

  const useEmbedded = !process.env['COSMOS_ENDPOINT'];
  const cosmos = useEmbedded
    ? await startLocalCosmos({ port: LOCAL_COSMOS_PORT, persistTo: join(root, '.local', 'cosmos', 'data.json') })
    : undefined;

  let config;
  try {
    config = loadConfig({
      NODE_ENV: 'development',
      COORDINATORS: PLAYGROUND_USER.id,
      ...process.env,
      ...(cosmos ? { COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: cosmos.key } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigError) log.fatal({ problems: error.problems }, 'refusing to start');
    await cosmos?.stop();
    process.exitCode = 1;
    return;
  }
  logger.level = config.logLevel;
  log.info({ config: describeConfig(config) }, 'configuration');
  log.info(
    useEmbedded
      ? `store: embedded local Cosmos DB, development only (${config.cosmos.endpoint}, data in .local/cosmos)`
      : `store: Azure Cosmos DB at ${config.cosmos.endpoint}`,
  );

  const app = await startApp(config);
  await seedDemoData(app.store);

  const playground = startPlayground(root, `http://127.0.0.1:${app.port}/api/messages`);
  log.info(`Agents Playground: http://127.0.0.1:${PLAYGROUND_PORT} (open it in a browser; Ctrl+C stops everything)`);

  const stop = async () => {
    playground.kill('SIGTERM');
    await app.close();
    await cosmos?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function seedDemoData(store: Parameters<typeof cosmosRepositories>[0]): Promise<void> {
  const repositories = cosmosRepositories(store);
  if ((await repositories.projects.listByYear(2021)).length > 0) return;
  await repositories.projects.upsertMany(DEMO_PROJECTS);
  if (!(await repositories.contacts.get(DEMO_CONTACT.userId))) await repositories.contacts.upsert(DEMO_CONTACT);
  log.info(`demo data: ${DEMO_PROJECTS.length} projects for 2021, owned by ${PLAYGROUND_USER.name} (coordinator in dev mode)`);
}

function startPlayground(root: string, endpoint: string): ChildProcess {
  const cli = join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  const child = spawn(
    process.execPath,
    ['--require', join(root, 'scripts', 'local', 'loopback-only.cjs'), cli, '-e', endpoint, '-c', 'msteams', '-p', String(PLAYGROUND_PORT), '--disable-telemetry'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' } },
  );
  const playgroundLog = logger.child({ module: 'playground' });
  child.stdout?.on('data', (chunk: Buffer) => playgroundLog.debug(chunk.toString().trim()));
  child.stderr?.on('data', (chunk: Buffer) => playgroundLog.warn(chunk.toString().trim()));
  child.on('exit', (code) => playgroundLog.info({ code }, 'Agents Playground stopped'));
  return child;
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'npm run dev failed');
  process.exit(1);
});
