import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gunzipSync } from 'node:zlib';
import { activityFrom, postActivity } from '../support/activities';
import { freshCosmosConfig } from '../support/local-cosmos-fixture';
import { RecordingConnector } from '../support/recording-connector';

// The real compiled main.js with APPLICATIONINSIGHTS_CONNECTION_STRING pointing at an ingestion
// endpoint on 127.0.0.1. The exporter always speaks https (it rewrites http:// in the connection
// string to https://), so the endpoint is an https server with a throwaway certificate that the
// child trusts through NODE_EXTRA_CA_CERTS.

/** One telemetry item as the exporter posts it to /v2.1/track. */
interface Envelope {
  readonly name: string;
  readonly iKey?: string;
  readonly tags?: Record<string, string>;
  readonly data?: { baseType?: string; baseData?: Record<string, unknown> };
}

/** Stands in for Application Insights' ingestion endpoint: records every envelope it gets. */
class IngestionEndpoint extends EventEmitter {
  readonly envelopes: Envelope[] = [];
  readonly paths: string[] = [];
  private server: HttpsServer | undefined;

  async start(cert: string, key: string): Promise<string> {
    const server = createHttpsServer({ cert, key }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.paths.push(`${req.method ?? ''} ${req.url ?? ''}`);
        let body = Buffer.concat(chunks);
        if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
        const received = parseEnvelopes(body.toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ itemsReceived: received.length, itemsAccepted: received.length, errors: [] }),
        );
        for (const envelope of received) {
          this.envelopes.push(envelope);
          this.emit('envelope', envelope);
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  /** The first envelope, received or to come, that `matches`; fails after `timeoutMs`. */
  waitFor(matches: (envelope: Envelope) => boolean, what: string, timeoutMs: number): Promise<Envelope> {
    const found = this.envelopes.find(matches);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onEnvelope = (envelope: Envelope) => {
        if (!matches(envelope)) return;
        clearTimeout(timer);
        this.off('envelope', onEnvelope);
        resolve(envelope);
      };
      const timer = setTimeout(() => {
        this.off('envelope', onEnvelope);
        reject(
          new Error(
            `no ${what} within ${timeoutMs} ms; received ${JSON.stringify(this.envelopes.map(summary))} on ${JSON.stringify(this.paths)}`,
          ),
        );
      }, timeoutMs);
      this.on('envelope', onEnvelope);
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The body is a JSON array of envelopes, or one JSON envelope a line. */
function parseEnvelopes(text: string): Envelope[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as Envelope[];
  return trimmed
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Envelope);
}

function summary(envelope: Envelope): string {
  const data = envelope.data?.baseData ?? {};
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return `${envelope.data?.baseType ?? envelope.name} ${text(data['name'])} ${text(data['url'])}`;
}

function isRequest(method: string, path: string): (envelope: Envelope) => boolean {
  return (envelope) => {
    if (envelope.data?.baseType !== 'RequestData') return false;
    const data = envelope.data.baseData ?? {};
    const url = typeof data['url'] === 'string' ? data['url'] : '';
    const name = typeof data['name'] === 'string' ? data['name'] : '';
    return name.startsWith(method) && url.includes(path);
  };
}

/**
 * The variables by which a faked clock (libfaketime: LD_PRELOAD and FAKETIME…) reaches a child, so
 * the bot reads the same time as this process and the openssl that made its certificate; without
 * them a run under a shifted clock gives the bot a certificate that is not yet (or no longer) valid.
 */
function sameClock(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && (entry[0] === 'LD_PRELOAD' || entry[0].startsWith('FAKETIME')),
    ),
  );
}

/**
 * Preloaded into the bot (node --require): notes every TCP connection it opens and every name it
 * looks up that is not loopback, in a file the test reads afterwards.
 */
const WATCH_NETWORK = String.raw`'use strict';
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const file = process.env.NETWORK_LOG;
const loopback = (host) => host === undefined || host === null || host === '' || host === 'localhost' || /^127\./.test(host) || host === '::1';
const note = (entry) => fs.appendFileSync(file, JSON.stringify(entry) + '\n');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  // http's agent passes [options] with path: null for TCP; net.connect(port, host) passes both.
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  if (options.path == null && !loopback(options.host)) note({ connect: String(options.host) + ':' + String(options.port) });
  return connect.apply(this, args);
};
const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  if (!loopback(hostname)) note({ lookup: hostname });
  return lookup.call(this, hostname, ...rest);
};
`;

describe('telemetry to Application Insights (the real main.js)', function () {
  this.timeout(60_000);

  let dir: string;
  let cert: string;
  let key: string;
  const ingestion = new IngestionEndpoint();
  const connector = new RecordingConnector();
  /** Anything that tries to leave through a proxy (HTTPS_PROXY points here) is refused and noted. */
  const proxied: string[] = [];
  let proxy: HttpServer;
  let endpoint: string;

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'svz-telemetry-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    key = readFileSync(join(dir, 'key.pem'), 'utf8');
    writeFileSync(join(dir, 'watch-network.cjs'), WATCH_NETWORK);
    endpoint = await ingestion.start(cert, key);
    await connector.start();
    proxy = createHttpServer((req, res) => {
      proxied.push(`${req.method ?? ''} ${req.url ?? ''}`);
      res.writeHead(403).end();
    });
    proxy.on('connect', (req: { url?: string }, socket: { end(data: string): void }) => {
      proxied.push(`CONNECT ${req.url ?? ''}`);
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  });

  after(async function () {
    await ingestion.stop();
    await connector.stop();
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the requests it serves, flushes at SIGTERM, keeps stdout JSON and the network loopback', async function () {
    const cosmos = await freshCosmosConfig();
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const networkLog = join(dir, 'network.jsonl');
    // dist/test/integration → dist/src/main.js, whichever dist this test was compiled into.
    const main = join(__dirname, '..', '..', 'src', 'main.js');
    const child = spawn(process.execPath, ['--require', join(dir, 'watch-network.cjs'), main], {
      env: {
        PATH: process.env['PATH'],
        ...sameClock(process.env),
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        COSMOS_ENDPOINT: cosmos.endpoint,
        COSMOS_KEY: cosmos.key,
        COSMOS_DATABASE: cosmos.database,
        SCHEDULER_INTERVAL_SECONDS: '0',
        APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=${endpoint}`,
        NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'),
        HTTPS_PROXY: proxyUrl,
        HTTP_PROXY: proxyUrl,
        NO_PROXY: '127.0.0.1,localhost',
        NETWORK_LOG: networkLog,
        // The exporter keeps what it could not send in the temporary directory, per
        // instrumentation key, and sends it at the next start: this run's own, and gone after.
        TMPDIR: dir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    try {
      const url = await new Promise<string>((resolve, reject) => {
        void exited.then(([code]) => {
          reject(new Error(`exited with ${String(code)}: ${stdout.join('\n')}\n${stderr}`));
        });
        createInterface({ input: child.stdout }).on('line', (line) => {
          stdout.push(line);
          try {
            const entry = JSON.parse(line) as { msg?: string; url?: string };
            if (entry.msg === 'bot listening' && entry.url)
              resolve(entry.url.replace(/\/api\/messages$/, ''));
          } catch {
            // Checked below: every line must be JSON.
          }
        });
      });

      const health = await fetch(`${url}/healthz`);
      assert.equal(health.status, 200);
      // The batch goes out within 5 s of the request; 20 s is the bound, not a wait.
      const healthz = await ingestion.waitFor(
        isRequest('GET', '/healthz'),
        'RequestData for GET /healthz',
        20_000,
      );
      assert.equal(healthz.iKey, '00000000-0000-0000-0000-000000000000');
      assert.equal(healthz.data?.baseData?.['responseCode'], '200');
      assert.equal(healthz.tags?.['ai.cloud.role'], 'stand-van-zaken');

      const user = { id: 'user-id-1', aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000001', name: 'Ada' };
      const message = await postActivity(
        url,
        activityFrom(user, connector.url, { type: 'message', text: 'hulp' }),
      );
      assert.ok(message.status < 300, `POST /api/messages answered ${message.status}`);
      await connector.waitForActivities(1);

      // Straight after the turn, well within the 5 s batch delay: only the flush at SIGTERM
      // can deliver this one before the process exits.
      child.kill('SIGTERM');
      const [code] = await exited;
      assert.equal(code, 0, stderr);
      assert.ok(
        ingestion.envelopes.some(isRequest('POST', '/api/messages')),
        `RequestData for POST /api/messages before exit; received ${JSON.stringify(ingestion.envelopes.map(summary))}`,
      );
      assert.ok(
        ingestion.envelopes.some((envelope) => envelope.data?.baseType === 'RemoteDependencyData'),
        'the calls to Cosmos DB and the connector are dependencies',
      );
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    }

    const notJson = stdout.filter((line) => {
      try {
        return typeof JSON.parse(line) !== 'object';
      } catch {
        return true;
      }
    });
    assert.deepEqual(notJson, [], 'stdout is JSON lines only');
    const warnings = stdout.filter((line) => (JSON.parse(line) as { level: number }).level >= 40);
    assert.deepEqual(warnings, [], 'no warnings or errors');
    assert.ok(stdout.some((line) => line.includes('"telemetry to Application Insights"')));
    const network = existsSync(networkLog)
      ? readFileSync(networkLog, 'utf8')
          .split('\n')
          .filter((line) => line !== '')
      : [];
    assert.deepEqual(network, [], 'no connection and no name look-up beyond loopback');
    assert.deepEqual(proxied, [], 'nothing tried to leave through a proxy');
  });
});
