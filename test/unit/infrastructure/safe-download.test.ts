import assert from 'node:assert/strict';
import {
  DownloadRefused,
  safeDownload,
  type DownloadPolicy,
} from '../../../src/infrastructure/safe-download';
import { FileHost } from '../../support/file-host';

const POLICY: DownloadPolicy = { allowedHosts: ['127.0.0.1'], maxBytes: 1_000, timeoutMs: 2_000 };

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DownloadRefused, `a DownloadRefused, not ${String(error)}`);
    return error.reason;
  }
  assert.fail('the download was not refused');
}

describe('downloading a file a user sent (SSRF-safe)', function () {
  const host = new FileHost();

  before(async function () {
    await host.start();
  });

  beforeEach(function () {
    host.requests = [];
    host.answer = (_path, res) => res.end('nummer;titel\n');
  });

  after(async function () {
    await host.stop();
  });

  it('fetches a file from an allowed host', async function () {
    const bytes = await safeDownload(`${host.base}/register.csv`, POLICY);

    assert.equal(bytes.toString(), 'nummer;titel\n');
    assert.deepEqual(host.requests, ['/register.csv']);
  });

  it('refuses a host that is not allowed, without a request', async function () {
    assert.equal(
      await refusal(safeDownload(`${host.base}/x`, { ...POLICY, allowedHosts: ['*.sharepoint.com'] })),
      'host-not-allowed',
    );
    assert.equal(await refusal(safeDownload('https://evil.example/x', POLICY)), 'host-not-allowed');
    assert.equal(
      await refusal(
        safeDownload('https://contoso.sharepoint.com.evil.example/x', {
          ...POLICY,
          allowedHosts: ['*.sharepoint.com'],
        }),
      ),
      'host-not-allowed',
    );
    assert.deepEqual(host.requests, []);
  });

  it('refuses plain http to a host name, links with credentials, and what is no URL', async function () {
    const sharepoint = { ...POLICY, allowedHosts: ['*.sharepoint.com'] };
    assert.equal(await refusal(safeDownload('http://contoso.sharepoint.com/x', sharepoint)), 'bad-url');
    assert.equal(
      await refusal(safeDownload('file:///etc/passwd', { ...POLICY, allowedHosts: [''] })),
      'bad-url',
    );
    assert.equal(await refusal(safeDownload(`http://user:pw@127.0.0.1/x`, POLICY)), 'bad-url');
    assert.equal(await refusal(safeDownload('not a url', POLICY)), 'bad-url');
  });

  it('refuses a name that resolves to an internal address, at connect time', async function () {
    const port = new URL(host.base).port;
    const reason = await refusal(
      safeDownload(`https://localhost:${port}/x`, { ...POLICY, allowedHosts: ['localhost'] }),
    );

    assert.equal(reason, 'private-address');
    assert.deepEqual(host.requests, []);
  });

  it('checks every redirect like the first link, and follows at most three', async function () {
    host.answer = (path, res) => {
      if (path === '/away') {
        res.writeHead(302, { location: 'https://metadata.example/latest' });
        res.end();
      } else if (path.startsWith('/loop')) {
        res.writeHead(302, { location: `/loop${path.length}` });
        res.end();
      } else if (path === '/moved') {
        res.writeHead(301, { location: '/register.csv' });
        res.end();
      } else res.end('ok');
    };

    assert.equal(await refusal(safeDownload(`${host.base}/away`, POLICY)), 'host-not-allowed');
    assert.equal(await refusal(safeDownload(`${host.base}/loop`, POLICY)), 'too-many-redirects');
    assert.equal((await safeDownload(`${host.base}/moved`, POLICY)).toString(), 'ok');
  });

  it('refuses a file larger than allowed, by its length or as the bytes come', async function () {
    host.answer = (path, res) => {
      if (path === '/declared') {
        res.writeHead(200, { 'content-length': '5000' });
        res.end('x'.repeat(5_000));
      } else {
        // Chunked, no length given: counted as it arrives.
        res.writeHead(200);
        for (let i = 0; i < 20; i++) res.write('y'.repeat(100));
        res.end();
      }
    };

    assert.equal(await refusal(safeDownload(`${host.base}/declared`, POLICY)), 'too-large');
    assert.equal(await refusal(safeDownload(`${host.base}/chunked`, POLICY)), 'too-large');
  });

  it('gives up on a host that does not answer in time, and on an error status', async function () {
    host.answer = (path, res) => {
      if (path === '/gone') {
        res.writeHead(404);
        res.end();
      }
      // '/slow' is never answered: the policy's time-out must end it.
    };

    assert.equal(await refusal(safeDownload(`${host.base}/slow`, { ...POLICY, timeoutMs: 300 })), 'timeout');
    assert.equal(await refusal(safeDownload(`${host.base}/gone`, POLICY)), 'http-status');
  });
});
