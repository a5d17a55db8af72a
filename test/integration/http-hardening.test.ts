import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import pino from 'pino';
import type { RunningApp } from '../../src/app';
import type { HttpLimits } from '../../src/http-limits';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { LINK_LIFETIME_MS, signedPath } from '../../src/report/signed-links';
import { createServer, listen } from '../../src/server';
import { activityFrom, postActivity, type TestUser } from '../support/activities';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

const SCHEDULER_SECRET = 'scheduler-secret-of-at-least-32-characters';
const DOCUMENT_SECRET = 'document-secret-of-at-least-32-characters!';
// Short, so the slow clients are seen off quickly; keep-alive as in production (Node's client
// agent does not reuse a connection whose server allows it less than a second).
const LIMITS: HttpLimits = { headersMs: 400, bodyMs: 600, keepAliveMs: 5_000, maxConnections: 64 };

/** A POST with a body, by node:http: it answers whether or not the server read the body. */
function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { ...headers, 'content-length': String(body.length) } });
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString(),
        });
      });
    });
    // The server answers before it has read the body and closes; the rest of the upload fails.
    req.on('error', (error) => {
      if (!req.writableEnded || !('code' in error)) reject(error);
    });
    req.end(body);
  });
}

/** A multipart/form-data body with one file part of `bytes` bytes. */
function multipart(bytes: number): { headers: Record<string, string>; body: Buffer } {
  const boundary = '----stand-van-zaken-test';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    Buffer.alloc(bytes, 0x61),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body };
}

const uploads = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('upload_')));

/** Connects to `port` and resolves with the socket once connected. */
async function open(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  return socket;
}

/** Resolves with the milliseconds until the server closed `socket`. */
async function closedAfter(socket: Socket, since: number): Promise<number> {
  if (!socket.destroyed) await once(socket, 'close');
  return performance.now() - since;
}

describe('the public HTTP surface, tried as a stranger would', function () {
  let app: RunningApp;
  let botUrl: string;
  let connector: RecordingConnector;
  const logLines: string[] = [];
  const owner: TestUser = {
    id: 'user-h1',
    aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000a1',
    name: 'Hanna',
  };

  before(async function () {
    connector = await new RecordingConnector().start();
    ({ app, botUrl } = await startTestApp(
      { SCHEDULER_SECRET, DOCUMENT_SECRET },
      {
        log: pino({ level: 'warn' }, { write: (line: string) => logLines.push(line) }),
        httpLimits: LIMITS,
      },
    ));
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  describe('bodies', function () {
    const routes: [string, string, Record<string, string>][] = [
      ['POST', '/api/messages', {}],
      ['POST', '/api/scheduler/run', { authorization: `Bearer ${SCHEDULER_SECRET}` }],
      ['POST', '/api/scheduler/run', { authorization: 'Bearer wrong' }],
      ['POST', '/api/scheduler/run', {}],
      ['GET', '/api/documents/voortgangsrapportage-2021.docx', {}],
      ['PUT', '/api/messages', {}],
      ['POST', '/healthz', {}],
      ['POST', '/nowhere', {}],
    ];
    for (const [method, path, headers] of routes) {
      it(`refuses a multipart upload of 1 MB to ${method} ${path}${headers['authorization'] ? ` (${headers['authorization'] === `Bearer ${SCHEDULER_SECRET}` ? 'authorised' : 'wrong secret'})` : ''} with 415 and saves nothing`, async function () {
        const before = uploads();
        const upload = multipart(1024 * 1024);

        const response = await rawRequest(
          `${botUrl}${path}`,
          method,
          { ...upload.headers, ...headers },
          upload.body,
        );

        assert.equal(response.status, 415, response.text);
        assert.deepEqual(JSON.parse(response.text), {
          error: { code: 'UnsupportedMediaType', message: 'Only application/json is accepted.' },
        });
        assert.deepEqual(
          [...uploads()].filter((name) => !before.has(name)),
          [],
          'no file was saved',
        );
      });
    }

    it('refuses text, form and octet-stream bodies with 415, and still takes JSON', async function () {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream']) {
        const response = await rawRequest(
          `${botUrl}/api/messages`,
          'POST',
          { 'content-type': type },
          Buffer.from('type=message'),
        );
        assert.equal(response.status, 415, type);
      }
      const json = await postActivity(
        botUrl,
        activityFrom(owner, connector.url, { type: 'message', text: 'hulp' }),
      );
      assert.equal(json.status, 200);
    });
  });

  describe('slow clients', function () {
    this.timeout(20_000);

    it('closes a connection that sends nothing', async function () {
      const since = performance.now();
      const socket = await open(app.port);
      const ms = await closedAfter(socket, since);
      // Node's own default would hold it for 60 s.
      assert.ok(ms < 10_000, `closed after ${Math.round(ms)} ms`);
    });

    it('closes a client that trickles its headers a byte at a time', async function () {
      const since = performance.now();
      const socket = await open(app.port);
      socket.write('POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      const trickle = setInterval(() => socket.write('x'), 50);
      try {
        const ms = await closedAfter(socket, since);
        assert.ok(ms < 10_000, `closed after ${Math.round(ms)} ms`);
      } finally {
        clearInterval(trickle);
      }
    });

    it('closes a client that trickles its body a byte at a time, and stores nothing', async function () {
      const since = performance.now();
      const socket = await open(app.port);
      const body = JSON.stringify(
        activityFrom(owner, connector.url, { type: 'message', text: 'x'.repeat(500) }),
      );
      socket.write(
        'POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
      );
      let sent = 0;
      const trickle = setInterval(() => {
        if (sent < body.length) socket.write(body[sent++] ?? '');
      }, 50);
      try {
        const ms = await closedAfter(socket, since);
        assert.ok(ms < 10_000, `closed after ${Math.round(ms)} ms`);
        assert.ok(sent < body.length, 'closed before the body was complete');
      } finally {
        clearInterval(trickle);
      }
    });

    it('keeps a prompt client: two requests on one kept-alive connection', async function () {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const get = () =>
          new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
            const req = request(`${botUrl}/readyz`, { agent }, (res) => {
              res.resume();
              res.once('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
            });
            req.once('error', reject);
            req.end();
          });
        assert.deepEqual(await get(), { status: 200, reused: false });
        assert.deepEqual(await get(), { status: 200, reused: true });
      } finally {
        agent.destroy();
      }
    });

    it('takes no more connections than its cap', async function () {
      const log = pino({ level: 'silent' });
      const server = createServer({
        messages: () => Promise.resolve(),
        health: () => Promise.resolve({ healthy: true, store: {} }),
        log,
        httpLimits: { headersMs: 60_000, bodyMs: 60_000, keepAliveMs: 60_000, maxConnections: 5 },
      });
      const port = await listen(server, '127.0.0.1', 0);
      const sockets: Socket[] = [];
      try {
        for (let i = 0; i < 8; i++) sockets.push(await open(port));
        // With headers allowed a whole minute, only the cap closes any of them.
        const closed = await Promise.race([
          Promise.all(sockets.map((socket) => closedAfter(socket, 0).then(() => socket))).then(() => 'all'),
          (async () => {
            while (sockets.filter((socket) => socket.destroyed).length < 3) {
              await Promise.race(sockets.filter((socket) => !socket.destroyed).map((s) => once(s, 'close')));
            }
            return 'three';
          })(),
        ]);
        assert.equal(closed, 'three');
        assert.equal(sockets.filter((socket) => !socket.destroyed).length, 5);
      } finally {
        for (const socket of sockets) socket.destroy();
        server.close();
      }
    });
  });

  describe('health', function () {
    it('tells the public ok and the version, nothing about the store', async function () {
      const response = await fetch(`${botUrl}/healthz`);
      const text = await response.text();
      assert.equal(response.status, 200);
      assert.deepEqual(Object.keys(JSON.parse(text) as object).sort(), ['status', 'version']);
      assert.doesNotMatch(text, /127\.0\.0\.1|cosmos|database/i);
    });

    it('gives the store details only for the scheduler secret', async function () {
      const refused = await fetch(`${botUrl}/healthz/details`, {
        headers: { authorization: 'Bearer wrong' },
      });
      assert.equal(refused.status, 401);
      assert.doesNotMatch(await refused.text(), /127\.0\.0\.1|cosmos/i);

      const details = await fetch(`${botUrl}/healthz/details`, {
        headers: { authorization: `Bearer ${SCHEDULER_SECRET}` },
      });
      const body = (await details.json()) as { store: { reachable: boolean; database: string } };
      assert.equal(details.status, 200);
      assert.equal(body.store.reachable, true);
    });

    it('answers a flood of probes with one store check per few seconds', async function () {
      let checks = 0;
      const server = createServer({
        messages: () => Promise.resolve(),
        health: () => {
          checks += 1;
          return Promise.resolve({ healthy: true, store: {} });
        },
        log: pino({ level: 'silent' }),
        healthCacheMs: 60_000,
      });
      const port = await listen(server, '127.0.0.1', 0);
      try {
        const statuses = await Promise.all(
          Array.from({ length: 50 }, async (_, i) => {
            const response = await fetch(`http://127.0.0.1:${port}/${i % 2 ? 'healthz' : 'readyz'}`);
            await response.body?.cancel();
            return response.status;
          }),
        );
        assert.deepEqual(new Set(statuses), new Set([200]));
        assert.equal(checks, 1);
      } finally {
        server.close();
      }
    });
  });

  describe('every JSON answer', function () {
    it('says nosniff and no-store, answered or refused', async function () {
      const answers = [
        await fetch(`${botUrl}/healthz`),
        await fetch(`${botUrl}/nowhere`),
        await fetch(`${botUrl}/api/scheduler/run`, { method: 'POST' }),
        await fetch(`${botUrl}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activityFrom(owner, connector.url, { type: 'message', text: 'hulp' })),
        }),
        await fetch(`${botUrl}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: 'x',
        }),
      ];
      for (const response of answers) {
        await response.body?.cancel();
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff', response.url);
        assert.equal(response.headers.get('cache-control'), 'no-store', response.url);
      }
    });
  });

  describe('malformed activities', function () {
    const shapes: [string, Record<string, unknown>][] = [
      ['from.id a number', { from: { id: 42, name: 'X' } }],
      ['from a string', { from: 'user' }],
      ['conversation.id missing', { conversation: { conversationType: 'personal' } }],
      ['conversationType a number', { conversation: { id: 'c1', conversationType: 7 } }],
      ['membersAdded not a list', { type: 'conversationUpdate', membersAdded: { id: 'x' } }],
      ['a member without an id', { type: 'conversationUpdate', membersAdded: [{ name: 'x' }] }],
      ['text an object', { text: { evil: true } }],
      ['entities not a list', { entities: 'mention' }],
      ['channelData.tenant.id a number', { channelData: { tenant: { id: 5 } } }],
      ['type empty', { type: '' }],
    ];
    for (const [what, fields] of shapes) {
      it(`answers 400 to an activity with ${what}, and stores nothing`, async function () {
        const activity = {
          ...activityFrom(owner, connector.url, { type: 'message', text: 'hulp' }),
          ...fields,
        };
        const response = await postActivity(botUrl, activity);
        assert.equal(response.status, 400, JSON.stringify(response.body));
        assert.equal(
          await cosmosRepositories(app.store).contacts.get('aaaaaaaa-0000-0000-0000-0000000000b9'),
          undefined,
        );
      });
    }
  });

  describe('signed links', function () {
    const resource = 'documents/voortgangsrapportage-2021.docx' as const;

    it('accept exactly one spelling of the signature and the expiry', async function () {
      // A link whose signature has a `-` or `_`, so that its base64 spelling differs.
      let path = '';
      for (let second = 0; !/sig=[\w-]*[-_]/.test(path); second++) {
        path = signedPath(DOCUMENT_SECRET, resource, new Date(Date.now() + LINK_LIFETIME_MS - second * 1000));
      }
      const [, expires = '', sig = ''] = /expires=(\d+)&sig=([\w-]+)$/.exec(path) ?? [];
      const valid = await fetch(`${botUrl}${path}`);
      await valid.body?.cancel();
      assert.equal(valid.status, 404, 'the genuine link reaches the document (no such round here)');

      const base = path.split('?')[0] ?? '';
      const lastBits = sig.slice(0, -1) + String.fromCharCode(sig.charCodeAt(sig.length - 1) + 1);
      const spellings = {
        'expiry with a leading zero': `expires=0${expires}&sig=${sig}`,
        'signature padded': `expires=${expires}&sig=${sig}=`,
        'signature in base64 (+ and /)': `expires=${expires}&sig=${encodeURIComponent(Buffer.from(sig, 'base64url').toString('base64').replace(/=+$/, ''))}`,
        'signature with other unused bits': `expires=${expires}&sig=${lastBits}`,
        'signature twice': `expires=${expires}&sig=${sig}&sig=${sig}`,
      };
      for (const [what, query] of Object.entries(spellings)) {
        const response = await fetch(`${botUrl}${base}?${query}`);
        await response.body?.cancel();
        assert.equal(response.status, 403, what);
      }
    });
  });

  describe('the log', function () {
    it('notes refused requests at a bounded rate', async function () {
      const lines: string[] = [];
      const server = createServer({
        messages: () => Promise.resolve(),
        health: () => Promise.resolve({ healthy: true, store: {} }),
        scheduler: { secret: SCHEDULER_SECRET, run: () => Promise.resolve({}) },
        log: pino({ level: 'info' }, { write: (line: string) => lines.push(line) }),
      });
      const port = await listen(server, '127.0.0.1', 0);
      try {
        const statuses = await Promise.all(
          Array.from({ length: 100 }, async () => {
            const response = await fetch(`http://127.0.0.1:${port}/api/scheduler/run`, {
              method: 'POST',
              headers: { authorization: 'Bearer wrong' },
            });
            await response.body?.cancel();
            return response.status;
          }),
        );
        assert.deepEqual(new Set(statuses), new Set([401]));
        const refusals = lines.filter((line) => line.includes('scheduler trigger refused'));
        assert.equal(refusals.length, 30, `${refusals.length} lines for 100 refusals`);
      } finally {
        server.close();
      }
    });
  });
});
