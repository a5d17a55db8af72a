import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

import { AppManifestUtils, type TeamsManifestV1D30 } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import sinon from 'sinon';

import { buildAppPackage, PackageError, type PackageOptions } from '../../../scripts/package';
import { projectRoot } from '../../../src/project-root';

type Manifest = TeamsManifestV1D30.TeamsManifestV1D30;

const TEAMS_APP_ID = '3f2b6c1e-8d4a-4b7e-9c2f-1a5d7e9b0c41';
const BOT_ID = '7a1e4d2c-5b8f-4c3a-9e6d-2f0b8c7a5d13';
const BOT_DOMAIN = 'stand-van-zaken.azurewebsites.net';
const VALUES = { TEAMS_APP_ID, BOT_ID, BOT_DOMAIN };

const root = projectRoot();

async function openZip(file: string): Promise<JSZip> {
  return JSZip.loadAsync(readFileSync(file));
}

async function jsonIn(zip: JSZip, name: string): Promise<unknown> {
  const entry = zip.file(name);
  assert.ok(entry, `the zip has no ${name}`);
  return JSON.parse(await entry.async('string'));
}

async function manifestIn(file: string): Promise<Manifest> {
  return (await jsonIn(await openZip(file), 'manifest.json')) as Manifest;
}

async function refusal(options: PackageOptions): Promise<PackageError> {
  try {
    await buildAppPackage(options);
  } catch (error) {
    assert.ok(error instanceof PackageError, `expected a PackageError, got ${String(error)}`);
    return error;
  }
  assert.fail('the package was built');
}

// A 32×32 RGBA PNG: white where `ink` says so, transparent elsewhere. Rows cycle through the
// five PNG filter types, so decoding them wrongly would turn transparent pixels visible.
function outlinePng(
  ink: (x: number, y: number) => readonly [number, number, number, number] | undefined,
): Buffer {
  const size = 32;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) pixels.set(ink(x, y) ?? [0, 0, 0, 0], (y * size + x) * 4);
  }
  const stride = size * 4;
  const at = (x: number, y: number): number => (x < 0 || y < 0 ? 0 : (pixels[y * stride + x] ?? 0));
  const rows = Buffer.alloc(size * (stride + 1));
  for (let y = 0; y < size; y++) {
    const filter = y % 5;
    rows[y * (stride + 1)] = filter;
    for (let x = 0; x < stride; x++) {
      const [left, up, upLeft] = [at(x - 4, y), at(x, y - 1), at(x - 4, y - 1)];
      const estimate = left + up - upLeft;
      const paeth =
        Math.abs(estimate - left) <= Math.abs(estimate - up) &&
        Math.abs(estimate - left) <= Math.abs(estimate - upLeft)
          ? left
          : Math.abs(estimate - up) <= Math.abs(estimate - upLeft)
            ? up
            : upLeft;
      const predicted = [0, left, up, Math.floor((left + up) / 2), paeth][filter] ?? 0;
      rows[y * (stride + 1) + 1 + x] = (at(x, y) - predicted) & 0xff;
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const framing = Buffer.alloc(8);
    framing.writeUInt32BE(data.length, 0);
    framing.writeUInt32BE(crc32(body), 4);
    return Buffer.concat([framing.subarray(0, 4), body, framing.subarray(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const WHITE = [0xff, 0xff, 0xff, 0xff] as const;
const RED = [0xff, 0x00, 0x00, 0xff] as const;
const frame = (x: number, y: number) => (x === 2 || y === 2 || x === 29 || y === 29 ? WHITE : undefined);

describe('buildAppPackage', () => {
  const sandbox = sinon.createSandbox();
  // A copy of manifest/ with its own env/, so environment files other people keep in the
  // working tree cannot change what these tests see.
  let work: string;
  let out: string;

  // Packaging must never fetch a schema; a failing fetch makes that visible.
  beforeEach(() => {
    sandbox
      .stub(globalThis, 'fetch')
      .rejects(new Error('network access while packaging; the schemas are bundled'));
    work = mkdtempSync(join(tmpdir(), 'app-package-'));
    cpSync(join(root, 'manifest'), join(work, 'manifest'), { recursive: true });
    out = join(work, 'out', 'appPackage.test.zip');
  });

  afterEach(() => {
    sandbox.restore();
    rmSync(work, { recursive: true, force: true });
  });

  const build = (variables: Record<string, string | undefined> = VALUES) =>
    buildAppPackage({ environment: 'test', variables, root: work, out });

  it('zips exactly the manifest, its English localisation and both icons, at the root', async () => {
    await build();

    const zip = await openZip(out);
    assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'en.json', 'manifest.json', 'outline.png']);
    const outline = await zip.file('outline.png')?.async('nodebuffer');
    assert.ok(
      outline?.equals(readFileSync(join(root, 'manifest', 'outline.png'))),
      'outline.png changed in the zip',
    );
  });

  it('fills in the app id and the bot id and leaves no placeholder behind', async () => {
    await build();

    const zip = await openZip(out);
    const manifest = (await jsonIn(zip, 'manifest.json')) as Manifest;
    assert.equal(manifest.id, TEAMS_APP_ID);
    assert.equal(manifest.bots?.[0]?.botId, BOT_ID);
    for (const name of ['manifest.json', 'en.json']) {
      assert.doesNotMatch((await zip.file(name)?.async('string')) ?? '', /\$\{\{/, name);
    }
  });

  it('adds BOT_DOMAIN to validDomains', async () => {
    await build();

    assert.deepEqual((await manifestIn(out)).validDomains, [BOT_DOMAIN]);
  });

  it('leaves validDomains as they are without BOT_DOMAIN', async () => {
    await build({ TEAMS_APP_ID, BOT_ID });

    assert.deepEqual((await manifestIn(out)).validDomains, []);
  });

  it('writes a manifest that validates against the bundled schema', async () => {
    await build();

    assert.deepEqual(await AppManifestUtils.validateAgainstSchema(await manifestIn(out)), []);
  });

  it('uses the developer URLs given and warns about the placeholders left', async () => {
    const built = await build({ ...VALUES, APP_PRIVACY_URL: 'https://gemeente.example.nl/privacy' });

    const manifest = await manifestIn(out);
    assert.equal(manifest.developer.privacyUrl, 'https://gemeente.example.nl/privacy');
    assert.equal(manifest.developer.websiteUrl, 'https://example.org/stand-van-zaken');
    assert.deepEqual(
      built.warnings.map((warning) => /set (\w+)/.exec(warning)?.[1]),
      ['APP_WEBSITE_URL', 'APP_TERMS_URL'],
    );
  });

  it('takes values from env/.env.<environment>, and the given ones win', async () => {
    mkdirSync(join(work, 'env'));
    const otherAppId = '0b7c3e9a-2d41-4f86-a5c0-6e8d1f2b3a47';
    writeFileSync(
      join(work, 'env', '.env.test'),
      `# written by the Agents Toolkit\nTEAMSFX_ENV=test\nTEAMS_APP_ID=${otherAppId}\nBOT_ID=${BOT_ID}\nBOT_DOMAIN=${BOT_DOMAIN}\n`,
    );

    const fromFile = await build({});
    assert.equal(fromFile.envFile, join(work, 'env', '.env.test'));
    assert.equal((await manifestIn(out)).id, otherAppId);

    await build({ TEAMS_APP_ID, BOT_DOMAIN: '' });
    const manifest = await manifestIn(out);
    assert.equal(manifest.id, TEAMS_APP_ID);
    assert.deepEqual(manifest.validDomains, [BOT_DOMAIN], 'a blank value does not hide the file');
  });

  it('refuses without TEAMS_APP_ID, naming it, and writes no zip', async () => {
    const error = await refusal({ environment: 'test', variables: { BOT_ID }, root: work, out });

    assert.match(error.message, /TEAMS_APP_ID is not set/);
    assert.equal(existsSync(out), false);
  });

  it('refuses a TEAMS_APP_ID that is not a GUID, naming it, and writes no zip', async () => {
    const error = await refusal({
      environment: 'test',
      variables: { ...VALUES, TEAMS_APP_ID: 'app' },
      root: work,
      out,
    });

    assert.equal(error.problems.length, 1);
    assert.match(error.message, /TEAMS_APP_ID is not a GUID \("app"\)/);
    assert.equal(existsSync(out), false);
  });

  it('names every bad value at once', async () => {
    const error = await refusal({
      environment: 'test',
      variables: {
        BOT_ID: 'bot',
        BOT_DOMAIN: 'https://bot.example.org/api',
        APP_TERMS_URL: 'http://example.org/terms',
      },
      root: work,
      out,
    });

    assert.deepEqual(
      error.problems.map((problem) => problem.split(' ')[0]),
      ['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN', 'APP_TERMS_URL'],
    );
  });

  it('refuses an environment name that could leave env/', async () => {
    const error = await refusal({ environment: '../secrets', variables: VALUES, root: work, out });

    assert.match(error.message, /environment name/);
  });

  it('refuses a manifest or localisation the bundled schemas reject, naming the file', async () => {
    const edit = (file: string, change: (json: Record<string, unknown>) => void) => {
      const path = join(work, 'manifest', file);
      const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      change(json);
      writeFileSync(path, JSON.stringify(json));
    };
    edit('manifest.json', (manifest) => {
      manifest['accentColor'] = 'blue';
    });
    edit('en.json', (localisation) => {
      localisation['name.short'] = 'x'.repeat(31);
    });

    const error = await refusal({ environment: 'test', variables: VALUES, root: work, out });

    assert.deepEqual(
      error.problems.map((problem) => problem.split(' ').slice(0, 2).join(' ')),
      ['manifest.json: /accentColor', 'en.json: /name.short'],
    );
    assert.equal(existsSync(out), false);
  });

  it('refuses a colour icon that is not 192×192', async () => {
    cpSync(join(work, 'manifest', 'outline.png'), join(work, 'manifest', 'color.png'));

    const error = await refusal({ environment: 'test', variables: VALUES, root: work, out });

    assert.deepEqual(error.problems, ['color.png is 32×32; Teams needs 192×192']);
    assert.equal(existsSync(out), false);
  });

  it('accepts a white-on-transparent outline whichever PNG row filters it uses', async () => {
    writeFileSync(join(work, 'manifest', 'outline.png'), outlinePng(frame));

    await build();

    assert.ok(existsSync(out));
  });

  it('refuses an outline icon with a visible pixel that is not white', async () => {
    writeFileSync(
      join(work, 'manifest', 'outline.png'),
      outlinePng((x, y) => (x === 16 && y === 16 ? RED : frame(x, y))),
    );

    const error = await refusal({ environment: 'test', variables: VALUES, root: work, out });

    assert.deepEqual(error.problems, [
      'outline.png has 1 visible pixels that are not white; Teams needs white on transparent',
    ]);
  });
});

describe('npm run package (dist/scripts/package.js)', () => {
  const sandbox = sinon.createSandbox();
  let work: string;

  beforeEach(() => {
    sandbox
      .stub(globalThis, 'fetch')
      .rejects(new Error('network access in a unit test; the schemas are bundled'));
    work = mkdtempSync(join(tmpdir(), 'app-package-cli-'));
  });

  afterEach(() => {
    sandbox.restore();
    rmSync(work, { recursive: true, force: true });
  });

  // An environment name without an env file, so only the variables given here count.
  const run = (out: string, variables: Record<string, string>) =>
    spawnSync(
      process.execPath,
      [join(root, 'dist', 'scripts', 'package.js'), '--env', 'package-test', '--out', out],
      { cwd: root, env: { ...process.env, ...variables }, encoding: 'utf8', timeout: 60_000 },
    );

  it('writes a zip whose manifest validates, from values in the environment', async () => {
    const out = join(work, 'appPackage.zip');

    const result = run(out, VALUES);

    assert.equal(result.status, 0, result.stderr);
    const manifest = await manifestIn(out);
    assert.equal(manifest.id, TEAMS_APP_ID);
    assert.ok(manifest.validDomains?.includes(BOT_DOMAIN));
    assert.deepEqual(await AppManifestUtils.validateAgainstSchema(manifest), []);
  });

  it('exits with 1, naming TEAMS_APP_ID, and writes no zip when it is not a GUID', () => {
    const out = join(work, 'appPackage.zip');

    const result = run(out, { ...VALUES, TEAMS_APP_ID: 'not-a-guid' });

    assert.equal(result.status, 1);
    assert.match(result.stderr, /TEAMS_APP_ID is not a GUID/);
    assert.equal(existsSync(out), false);
  });
});
