import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { AppManifestUtils, type AppManifest, type TeamsManifestV1D30 } from '@microsoft/app-manifest';
import sinon from 'sinon';

type Manifest = TeamsManifestV1D30.TeamsManifestV1D30;

const PLACEHOLDERS: Readonly<Record<string, string>> = {
  '${{TEAMS_APP_ID}}': '3f2b6c1e-8d4a-4b7e-9c2f-1a5d7e9b0c41',
  '${{BOT_ID}}': '7a1e4d2c-5b8f-4c3a-9e6d-2f0b8c7a5d13',
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// PNG colour types 4 (grey + alpha) and 6 (RGBA) carry an alpha channel.
const COLOUR_TYPES_WITH_ALPHA = [4, 6];

// The compiled test runs from dist/test/unit/manifest, but also from out-of-tree builds, so the
// manifest folder is found by walking up rather than by a fixed number of '..' segments.
function findRepositoryRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (;;) {
      if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'manifest', 'manifest.json'))) {
        return dir;
      }
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`No repository root with manifest/manifest.json above ${__dirname}`);
}

const manifestDir = join(findRepositoryRoot(), 'manifest');

function readManifestText(): string {
  let text = readFileSync(join(manifestDir, 'manifest.json'), 'utf8');
  for (const [placeholder, value] of Object.entries(PLACEHOLDERS)) {
    text = text.replaceAll(placeholder, value);
  }
  return text;
}

// Parsed afresh on every call so a test can break its own copy without affecting the others.
function loadManifest(): Manifest {
  const manifest: unknown = JSON.parse(readManifestText());
  return manifest as Manifest;
}

function firstBot(manifest: Manifest): NonNullable<Manifest['bots']>[number] {
  const bot = manifest.bots?.[0];
  assert.ok(bot, 'manifest declares no bot');
  return bot;
}

function readLocalisation(file: string): Record<string, unknown> {
  const localisation: unknown = JSON.parse(readFileSync(join(manifestDir, file), 'utf8'));
  assert.ok(
    typeof localisation === 'object' && localisation !== null && !Array.isArray(localisation),
    `${file} is not a JSON object`,
  );
  return { ...localisation };
}

type Schema = Awaited<ReturnType<typeof AppManifestUtils.fetchSchema>>;

// The Teams localisation schemas write two activityTypes keys with an unescaped ']'
// (MicrosoftDocs/msteams-docs#8858). Ajv compiles patterns with the 'u' flag, which rejects
// that, so the bracket is escaped; the pattern still matches exactly the same keys.
async function loadLocalisationSchema(url: string): Promise<Schema> {
  const schema = await AppManifestUtils.fetchSchema(url);
  const patterns = (schema.patternProperties ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(patterns)) {
    const escaped = key.replaceAll('\\b]', '\\b\\]');
    if (escaped !== key) {
      patterns[escaped] = patterns[key];
      Reflect.deleteProperty(patterns, key);
    }
  }
  return schema;
}

function readPngHeader(file: string): { width: number; height: number; colourType: number } {
  const bytes = readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 8)], PNG_SIGNATURE, `${file} is not a PNG`);
  assert.equal(bytes.toString('ascii', 12, 16), 'IHDR', `${file} does not start with IHDR`);
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    colourType: bytes.readUInt8(25),
  };
}

describe('Teams app manifest', () => {
  const sandbox = sinon.createSandbox();

  // validateAgainstSchema falls back to downloading $schema when no bundled copy matches; failing
  // that download keeps the test offline and exposes a schema version the package does not ship.
  beforeEach(() => {
    sandbox
      .stub(globalThis, 'fetch')
      .rejects(new Error('network access in a unit test; use a schema bundled with the package'));
  });

  afterEach(() => {
    sandbox.restore();
  });

  it('validates against the bundled schema', async () => {
    const errors = await AppManifestUtils.validateAgainstSchema(loadManifest());

    assert.deepEqual(errors, []);
  });

  it('reports errors for a copy without a bot id', async () => {
    const manifest = loadManifest();
    Reflect.deleteProperty(firstBot(manifest), 'botId');

    const errors = await AppManifestUtils.validateAgainstSchema(manifest);

    assert.ok(
      errors.some((error) => error.includes('botId')),
      `expected a botId error, got ${JSON.stringify(errors)}`,
    );
  });

  it('reports errors for a copy with an unknown bot scope', async () => {
    const manifest = loadManifest();
    Reflect.set(firstBot(manifest), 'scopes', ['personal', 'channel']);

    const errors = await AppManifestUtils.validateAgainstSchema(manifest);

    assert.ok(
      errors.some((error) => error.startsWith('/bots/0/scopes/1 ')),
      `expected a scope error, got ${JSON.stringify(errors)}`,
    );
  });

  it('uses no placeholders besides the app id and bot id', () => {
    assert.doesNotMatch(readManifestText(), /\$\{\{/);
  });

  it('validates each additional language file against the bundled localisation schema', async () => {
    const languages = loadManifest().localizationInfo?.additionalLanguages ?? [];
    assert.ok(languages.length > 0, 'manifest declares no additional languages');

    for (const { languageTag, file } of languages) {
      const localisation = readLocalisation(file);
      const schemaUrl = localisation['$schema'];
      assert.equal(typeof schemaUrl, 'string', `${file} names no $schema`);
      const schema = await loadLocalisationSchema(String(schemaUrl));

      // validateAgainstSchema is typed for manifests, but it checks any document against the
      // schema it is given.
      const errors = await AppManifestUtils.validateAgainstSchema(localisation as AppManifest, schema);

      assert.deepEqual(errors, [], `${languageTag} (${file})`);
    }
  });

  it('localises only commands that exist in the manifest', () => {
    const manifest = loadManifest();
    const commandLists = firstBot(manifest).commandLists ?? [];

    for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
      for (const key of Object.keys(readLocalisation(file))) {
        const match = /^bots\[0\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\./.exec(key);
        if (!match) continue;
        const command = commandLists[Number(match[1])]?.commands[Number(match[2])];
        assert.ok(command, `${file}: ${key} points at no command`);
      }
    }
  });

  it('ships a 192x192 colour icon and a 32x32 outline icon with an alpha channel', () => {
    const { icons } = loadManifest();

    const color = readPngHeader(join(manifestDir, icons.color));
    assert.deepEqual([color.width, color.height], [192, 192]);

    const outline = readPngHeader(join(manifestDir, icons.outline));
    assert.deepEqual([outline.width, outline.height], [32, 32]);
    assert.ok(
      COLOUR_TYPES_WITH_ALPHA.includes(outline.colourType),
      `outline.png has colour type ${outline.colourType}, which has no alpha channel`,
    );
  });

  it('offers hulp, ronde open, samenvatting and taal in the personal and team scopes', () => {
    const bot = firstBot(loadManifest());

    for (const scope of ['personal', 'team'] as const) {
      assert.ok(bot.scopes.includes(scope), `bot is not installable in ${scope}`);
      const titles = (bot.commandLists ?? [])
        .filter((list) => list.scopes.includes(scope))
        .flatMap((list) => list.commands.map((command) => command.title));

      for (const title of ['hulp', 'ronde open', 'samenvatting', 'taal']) {
        assert.ok(titles.includes(title), `${scope} commands ${JSON.stringify(titles)} lack ${title}`);
      }
    }
  });
});
