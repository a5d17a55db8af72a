import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { once } from 'node:events';
import { startApp, type RunningApp } from '../../src/app';
import type { Clock } from '../../src/domain/clock';
import { describeConfig, loadConfig } from '../../src/config';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { logger, type Logger } from '../../src/logger';
import { projectRoot } from '../../src/project-root';
import { DEMO_COLLEAGUE, DEMO_CONTACT, DEMO_PROJECTS, PLAYGROUND_USER } from './demo-data';
import { startLocalCosmos, type LocalCosmos } from './local-cosmos';

export interface DevStackOptions {
  /** Environment to read settings from (env/.env.local already merged in by the caller). */
  readonly env: NodeJS.ProcessEnv;
  readonly botPort?: number;
  readonly cosmosPort?: number;
  readonly playgroundPort?: number;
  /**
   * The second Playground, with the demo colleague at the keyboard: by default the port after
   * the first; `null` starts none.
   */
  readonly colleaguePlaygroundPort?: number | null;
  /** Where the embedded Cosmos keeps its data between runs; none keeps it in memory only. */
  readonly persistTo?: string;
  readonly clock?: Clock;
  readonly log?: Logger;
}

export interface DevStack {
  readonly app: RunningApp;
  readonly playgroundUrl: string;
  /** The colleague's Playground, when one was started. */
  readonly colleaguePlaygroundUrl?: string;
  /** The embedded Cosmos server's endpoint; undefined when a real account is used. */
  readonly cosmosEndpoint?: string;
  stop(): Promise<void>;
}

/**
 * Everything the bot needs on this machine, all on 127.0.0.1: an embedded Cosmos DB server
 * (unless COSMOS_ENDPOINT names a real one), the bot with demo data, and the Agents Playground.
 * Used by `npm run dev` and by the screenshot script.
 */
export async function startDevStack(options: DevStackOptions): Promise<DevStack> {
  const log = options.log ?? logger.child({ module: 'dev' });
  const useEmbedded = !options.env['COSMOS_ENDPOINT'];
  const cosmos: LocalCosmos | undefined = useEmbedded
    ? await startLocalCosmos({ port: options.cosmosPort ?? 8081, persistTo: options.persistTo })
    : undefined;
  try {
    const config = loadConfig({
      NODE_ENV: 'development',
      // Two coordinators: nobody reviews their own answer, so one alone could never approve theirs.
      COORDINATORS: `${PLAYGROUND_USER.id},${DEMO_COLLEAGUE.id}`,
      // A developer at 20:00 expects the card now, not at 09:00 tomorrow.
      SEND_ANY_TIME: 'true',
      ...options.env,
      ...(options.botPort !== undefined ? { PORT: String(options.botPort) } : {}),
      ...(cosmos ? { COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: cosmos.key } : {}),
    });
    logger.level = config.logLevel;
    log.info({ config: describeConfig(config) }, 'configuration');
    log.info(
      useEmbedded
        ? `store: embedded local Cosmos DB, development only (${config.cosmos.endpoint}${options.persistTo ? `, data kept in ${options.persistTo}` : ', in memory'})`
        : `store: Azure Cosmos DB at ${config.cosmos.endpoint}`,
    );
    const app = await startApp(config, { clock: options.clock, log });
    const playgroundPort = options.playgroundPort ?? 56150;
    const colleaguePort =
      options.colleaguePlaygroundPort === undefined ? playgroundPort + 1 : options.colleaguePlaygroundPort;
    const endpoint = `http://127.0.0.1:${app.port}/api/messages`;
    const playgrounds: ChildProcess[] = [];
    const stopPlaygrounds = async () => {
      await Promise.all(
        playgrounds
          .filter((playground) => playground.exitCode === null)
          .map((playground) => {
            playground.kill('SIGTERM');
            return once(playground, 'exit');
          }),
      );
    };
    try {
      await seedDemoData(app, log);
      playgrounds.push(await startPlayground(endpoint, playgroundPort));
      if (colleaguePort !== null) {
        playgrounds.push(
          await startPlayground(endpoint, colleaguePort, {
            configPath: join(projectRoot(), DEMO_COLLEAGUE.playgroundConfig),
            logName: 'colleague',
          }),
        );
      }
    } catch (error) {
      await stopPlaygrounds();
      await app.close();
      throw error;
    }
    const playgroundUrl = `http://127.0.0.1:${playgroundPort}`;
    const colleaguePlaygroundUrl = colleaguePort === null ? undefined : `http://127.0.0.1:${colleaguePort}`;
    log.info(
      `Agents Playground: ${playgroundUrl} as ${PLAYGROUND_USER.name} (open it in a browser; Ctrl+C stops everything)`,
    );
    if (colleaguePlaygroundUrl) {
      log.info(
        `Agents Playground: ${colleaguePlaygroundUrl} as ${DEMO_COLLEAGUE.name}, the second coordinator, who can review what ${PLAYGROUND_USER.name} submits`,
      );
    }
    return {
      app,
      playgroundUrl,
      ...(colleaguePlaygroundUrl ? { colleaguePlaygroundUrl } : {}),
      cosmosEndpoint: cosmos?.endpoint,
      async stop() {
        await stopPlaygrounds();
        await app.close();
        await cosmos?.stop();
      },
    };
  } catch (error) {
    await cosmos?.stop();
    throw error;
  }
}

async function seedDemoData(app: RunningApp, log: Logger): Promise<void> {
  const repositories = cosmosRepositories(app.store);
  if ((await repositories.projects.listByYear(2021)).length > 0) return;
  await repositories.projects.upsertMany(DEMO_PROJECTS);
  if (!(await repositories.contacts.get(DEMO_CONTACT.userId)))
    await repositories.contacts.upsert(DEMO_CONTACT);
  log.info(
    `demo data: ${DEMO_PROJECTS.length} projects for 2021, owned by ${PLAYGROUND_USER.name} (coordinator in dev mode)`,
  );
}

/**
 * Starts the Playground pinned to loopback and resolves once it listens; with a config path, as
 * the user that file puts at the keyboard.
 */
async function startPlayground(
  endpoint: string,
  port: number,
  as?: { readonly configPath: string; readonly logName: string },
): Promise<ChildProcess> {
  const root = projectRoot();
  const cli = join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  const child = spawn(
    process.execPath,
    [
      '--require',
      join(root, 'scripts', 'local', 'loopback-only.cjs'),
      cli,
      '-e',
      endpoint,
      '-c',
      'msteams',
      '-p',
      String(port),
      '--disable-telemetry',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        ...(as
          ? {
              M365_AGENTS_PLAYGROUND_CONFIG_PATH: as.configPath,
              M365_AGENTS_PLAYGROUND_LOGFILE: join(
                root,
                'devTools',
                `m365agentsplayground-${as.logName}.log`,
              ),
            }
          : {}),
      },
    },
  );
  const playgroundLog = logger.child({ module: as ? `playground-${as.logName}` : 'playground' });
  child.stderr.on('data', (chunk: Buffer) => playgroundLog.warn(chunk.toString().trim()));
  child.on('exit', (code) => playgroundLog.info({ code }, 'Agents Playground stopped'));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      playgroundLog.debug(text.trim());
      if (text.includes('Listening on')) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`Agents Playground exited with code ${code} before it listened`)),
    );
  });
  return child;
}
