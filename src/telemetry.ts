import { createRequire } from 'node:module';
import { format } from 'node:util';
import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import { logger } from './logger';
import { VERSION } from './version';

/**
 * Application Insights in the process itself (OpenTelemetry through @azure/monitor-opentelemetry),
 * when APPLICATIONINSIGHTS_CONNECTION_STRING is set; without it nothing here is loaded.
 *
 * main.ts imports this module before anything else: the SDK collects requests and the calls to
 * Teams and Cosmos DB by patching `http`, `https` and the Azure SDK as they are required, so it
 * has to be running before restify, botbuilder and @azure/cosmos are loaded. (A `--require`
 * preload would do the same but only for `npm start`; an import works however main.js is run.)
 * It reads process.env itself for that reason; src/config.ts checks the same setting.
 */

const CONNECTION_STRING_KEY = 'APPLICATIONINSIGHTS_CONNECTION_STRING';
const SERVICE_NAME = 'stand-van-zaken';

interface Distro {
  useAzureMonitor(options?: AzureMonitorOpenTelemetryOptions): void;
  shutdownAzureMonitor(): Promise<void>;
}

/** The parts of @opentelemetry/api used here, as the distro itself loads it. */
interface OpenTelemetryApi {
  diag: {
    setLogger(logger: DiagLogger, options: { logLevel: number; suppressOverrideMessage: boolean }): boolean;
  };
  DiagLogLevel: { WARN: number; DEBUG: number; ALL: number };
}
type DiagLogFunction = (message: string, ...args: unknown[]) => void;
type DiagLogger = Record<'error' | 'warn' | 'info' | 'debug' | 'verbose', DiagLogFunction>;

interface AzureLoggerModule {
  AzureLogger: { log: (...args: unknown[]) => void };
  getLogLevel(): string | undefined;
  setLogLevel(level?: string): void;
}

type Level = 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * What the distro's own diagnostics logger leaves out as not actionable: spans read the resource
 * before the host id (read from disk) is in, and the order @azure/core-tracing was loaded in.
 */
const NOT_ACTIONABLE =
  /async attributes|unsettled resource attribute|^accessing resource attributes|@azure\/core-tracing has been loaded before/i;

/** The SDK's own messages, as JSON lines of the bot's log (stdout carries nothing else). */
function sdkLog(level: Level, args: readonly unknown[]): void {
  const text = format(...args);
  if (!NOT_ACTIONABLE.test(text)) logger[level]({ module: 'telemetry' }, text);
}

let running: Distro | undefined;

const connectionString = process.env[CONNECTION_STRING_KEY]?.trim();
if (connectionString) running = start(connectionString);

/**
 * Sends what is still buffered (spans, logs, the last metrics) and stops, waiting at most
 * `timeoutMs`: a stop must not hang on an ingestion endpoint that does not answer.
 */
export async function stopTelemetry(timeoutMs = 5_000): Promise<void> {
  const distro = running;
  if (!distro) return;
  running = undefined;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => {
      resolve('timed out');
    }, timeoutMs);
    timer.unref();
  });
  const flushed = distro.shutdownAzureMonitor().then(
    () => 'flushed' as const,
    (error: unknown) => error,
  );
  const outcome = await Promise.race([flushed, timedOut]);
  clearTimeout(timer);
  if (outcome === 'flushed') logger.info({ module: 'telemetry' }, 'telemetry flushed');
  else if (outcome === 'timed out') {
    logger.warn({ module: 'telemetry', timeoutMs }, 'telemetry not flushed in time; stopping anyway');
  } else logger.warn({ module: 'telemetry', err: outcome }, 'telemetry flush failed');
}

function start(connection: string): Distro | undefined {
  const env = process.env;
  // The SDK's reports about itself go to Microsoft (statsbeat) or add metrics to the resource
  // (SDK stats): off unless asked for. Only the non-legacy statsbeat switch leaves its
  // "essential" part on, hence both.
  env['APPLICATION_INSIGHTS_NO_STATSBEAT'] ??= 'true';
  env['APPLICATIONINSIGHTS_STATSBEAT_DISABLED'] ??= 'true';
  env['APPLICATIONINSIGHTS_SDKSTATS_DISABLED'] ??= 'true';
  // cloud_RoleName and the version, through the environment: the distro's `resource` option
  // replaces what it detected on App Service (instance, resource id) instead of adding to it.
  env['OTEL_SERVICE_NAME'] ??= SERVICE_NAME;
  const attributes = env['OTEL_RESOURCE_ATTRIBUTES']?.trim() ?? '';
  if (!/(^|,)\s*service\.version\s*=/.test(attributes)) {
    env['OTEL_RESOURCE_ATTRIBUTES'] = [attributes, `service.version=${VERSION}`].filter(Boolean).join(',');
  }

  const load = createRequire(__filename);
  try {
    // What the distro loads, resolved from where it is, so these are the instances it uses.
    const fromDistro = createRequire(load.resolve('@azure/monitor-opentelemetry'));
    // Outside App Service, Functions, Container Apps and AKS the distro asks the Azure VM
    // metadata service (169.254.169.254) who it runs on, a call of up to a second that does
    // not answer off Azure, and merges the answer only after the SDK took its resource, so it
    // is never used. Off, unless OTEL_NODE_RESOURCE_DETECTORS asks for azure_vm.
    if (!/\b(all|azure_vm)\b/.test(env['OTEL_NODE_RESOURCE_DETECTORS'] ?? '')) {
      const detectors = fromDistro('@opentelemetry/resource-detector-azure') as {
        azureVmDetector: { detect(): unknown };
      };
      detectors.azureVmDetector.detect = () => ({ attributes: {} });
    }
    const azureLogging = fromDistro('@azure/logger') as AzureLoggerModule;
    const azureLogLevel = azureLogging.getLogLevel();

    const distro = withConsoleInLog(() => {
      const loaded = load('@azure/monitor-opentelemetry') as Distro;
      loaded.useAzureMonitor({
        azureMonitorExporterOptions: { connectionString: connection },
        // Every request and call: the bot's traffic is small. OTEL_TRACES_SAMPLER (and _ARG)
        // still choose another sampler. The distro's default, 5 traces a second, drops the
        // first request after a burst of Cosmos DB calls, such as the ones at start-up.
        samplingRatio: 1,
        tracesPerSecond: 0,
        // Live Metrics keeps a connection to Azure open; APPLICATIONINSIGHTS_CONFIGURATION_CONTENT
        // ({"enableLiveMetrics":true}) switches it on.
        enableLiveMetrics: false,
      });
      return loaded;
    });
    stopSettingsPolling(fromDistro);

    // OpenTelemetry's diagnostics (export failures, for one) into the log, at warn unless the
    // log is at debug or trace. useAzureMonitor resets the API's globals, so this comes after.
    const api = fromDistro('@opentelemetry/api') as OpenTelemetryApi;
    const logLevel = env['LOG_LEVEL']?.trim();
    api.diag.setLogger(
      {
        error: (...args) => sdkLog('error', args),
        warn: (...args) => sdkLog('warn', args),
        info: (...args) => sdkLog('info', args),
        debug: (...args) => sdkLog('debug', args),
        verbose: (...args) => sdkLog('trace', args),
      },
      {
        logLevel:
          logLevel === 'trace'
            ? api.DiagLogLevel.ALL
            : logLevel === 'debug'
              ? api.DiagLogLevel.DEBUG
              : api.DiagLogLevel.WARN,
        suppressOverrideMessage: true,
      },
    );
    // The distro sends every Azure SDK's log (Cosmos DB, identity) to console.log and turns on
    // their warnings; into the log instead, at the level AZURE_LOG_LEVEL set (none by default).
    azureLogging.AzureLogger.log = (...args) => {
      const text = format(...args);
      const level = /:error\b/.test(text)
        ? 'error'
        : /:warning\b/.test(text)
          ? 'warn'
          : /:info\b/.test(text)
            ? 'info'
            : 'debug';
      logger[level]({ module: 'azure-sdk' }, text);
    };
    azureLogging.setLogLevel(azureLogLevel);

    logger.info(
      { module: 'telemetry', ingestion: ingestionHost(connection), service: env['OTEL_SERVICE_NAME'] },
      'telemetry to Application Insights',
    );
    return distro;
  } catch (error) {
    // A malformed connection string is refused by the configuration check right after, naming
    // the key; the bot does not die here without saying why.
    logger.error({ module: 'telemetry', err: error }, 'Application Insights could not start; no telemetry');
    return undefined;
  }
}

/**
 * Runs `work` with what would go to stdout through console going into the log. The distro keeps
 * a reference to console.log for its own diagnostics when it is loaded, so loading it in here
 * makes that reference write JSON log lines for good.
 */
function withConsoleInLog<T>(work: () => T): T {
  /* eslint-disable no-console -- console is redirected here, not used */
  const saved = { log: console.log, info: console.info, debug: console.debug };
  // The distro's own logger writes its warnings and errors with console.log.
  console.log = (...args: unknown[]) => {
    sdkLog('warn', args);
  };
  console.info = (...args: unknown[]) => {
    sdkLog('info', args);
  };
  console.debug = (...args: unknown[]) => {
    sdkLog('debug', args);
  };
  try {
    return work();
  } finally {
    Object.assign(console, saved);
  }
  /* eslint-enable no-console */
}

/**
 * The exporter asks https://settings.sdk.monitor.azure.com, 5 to 15 s after start and then every
 * hour, whether Microsoft switched some of its features (statsbeat, SDK stats, disk retry) on or
 * off from afar: a call out of the network the bot does not need, with no setting to stop it.
 * The poller is internal to the exporter; this stops it where exporter 1.0.0-beta.47 has it, and
 * says so in the log if an upgrade moved it.
 */
function stopSettingsPolling(fromDistro: NodeJS.Require): void {
  try {
    const exporter = fromDistro.resolve('@azure/monitor-opentelemetry-exporter');
    const manager = (
      createRequire(exporter)('./_configuration/configurationManager.js') as {
        ConfigurationManager?: { getInstance?: () => { shutdown?: () => void } };
      }
    ).ConfigurationManager?.getInstance?.();
    if (typeof manager?.shutdown !== 'function') throw new Error('no ConfigurationManager.shutdown');
    manager.shutdown();
  } catch (error) {
    logger.warn(
      { module: 'telemetry', err: error },
      "could not stop the exporter's hourly poll of settings.sdk.monitor.azure.com",
    );
  }
}

/** Where telemetry goes, for the start-up line: the host, not the instrumentation key. */
function ingestionHost(connection: string): string {
  const endpoint = /(?:^|;)\s*IngestionEndpoint=([^;]+)/i.exec(connection)?.[1];
  try {
    return endpoint ? new URL(endpoint).host : 'dc.services.visualstudio.com';
  } catch {
    return 'dc.services.visualstudio.com';
  }
}
