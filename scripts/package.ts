import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { parseArgs, parseEnv } from 'node:util';
import { inflateSync } from 'node:zlib';

import { AppManifestUtils, type AppManifest, type TeamsManifestV1D30 } from '@microsoft/app-manifest';
import JSZip from 'jszip';

import { projectRoot } from '../src/project-root';

type Manifest = TeamsManifestV1D30.TeamsManifestV1D30;
type Schema = Awaited<ReturnType<typeof AppManifestUtils.fetchSchema>>;

const USAGE = `npm run package -- [--env <name>] [--out <file.zip>]

Builds the Teams app package (manifest with this environment's ids filled in, localisation,
icons), validated offline, into dist/appPackage/appPackage.<name>.zip.

Values come from env/.env.<name> when it exists (the Agents Toolkit's environment files) and
from the process environment, which wins. <name> defaults to TEAMSFX_ENV, else "dev".
  TEAMS_APP_ID      Teams app id (GUID), required
  BOT_ID            the bot's Entra app / managed identity client id (GUID), required
  BOT_DOMAIN        host name the bot is reached at, added to validDomains (optional)
  APP_WEBSITE_URL   developer website, https (optional; default the manifest's)
  APP_PRIVACY_URL   privacy statement, https (optional)
  APP_TERMS_URL     terms of use, https (optional)`;

const DEFAULT_ENVIRONMENT = 'dev';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Toolkit environment names end up in a file name; nothing that could leave env/.
const ENVIRONMENT_NAME = /^[a-z0-9][a-z0-9_-]*$/i;
const HOST_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const PLACEHOLDER_URL_PREFIX = 'https://example.org/';
// JSZip stamps entries with the current time unless told otherwise; a fixed date makes the same
// inputs give the same bytes, so CI can tell whether a package really changed.
const ENTRY_DATE = new Date(Date.UTC(2020, 0, 1));

const REQUIRED_GUIDS: Readonly<Record<string, string>> = {
  TEAMS_APP_ID: 'the Teams app id',
  BOT_ID: "the bot's Entra app (or managed identity) client id",
};

const DEVELOPER_URLS = [
  { key: 'APP_WEBSITE_URL', field: 'websiteUrl' },
  { key: 'APP_PRIVACY_URL', field: 'privacyUrl' },
  { key: 'APP_TERMS_URL', field: 'termsOfUseUrl' },
] as const;

const COLOR_ICON_SIZE = 192;
const OUTLINE_ICON_SIZE = 32;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOUR_TYPE_GREY_ALPHA = 4;
const COLOUR_TYPE_RGBA = 6;

/** Every reason the package was not written; the CLI prints them without a stack trace. */
export class PackageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `The Teams app package was not written:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
    this.name = 'PackageError';
  }
}

export interface PackageOptions {
  /** Agents Toolkit environment name: selects env/.env.<name> and names the zip. */
  readonly environment: string;
  /** Values that win over the environment file (the process environment, for the CLI). */
  readonly variables: Readonly<Record<string, string | undefined>>;
  /** Where the zip goes; default dist/appPackage/appPackage.<environment>.zip under root. */
  readonly out?: string;
  /** Repository root holding manifest/ and env/; default the one this script belongs to. */
  readonly root?: string;
}

export interface AppPackage {
  readonly file: string;
  /** The environment file the values came from, if there was one. */
  readonly envFile: string | undefined;
  readonly manifest: Manifest;
  /** Names of the files at the root of the zip. */
  readonly entries: readonly string[];
  /** Things that do not stop packaging but should be fixed before publishing. */
  readonly warnings: readonly string[];
}

/**
 * Builds the Teams app package for one environment. Nothing is written unless every value is
 * present and well-formed, the icons have the sizes Teams demands and the filled manifest and
 * its localisations validate against the schemas bundled with `@microsoft/app-manifest`: a zip
 * on disk has passed every check that can be made offline, and packaging never needs the network.
 */
export async function buildAppPackage(options: PackageOptions): Promise<AppPackage> {
  if (!ENVIRONMENT_NAME.test(options.environment)) {
    throw new PackageError([
      `environment name "${options.environment}" may only hold letters, digits, "-" and "_"`,
    ]);
  }
  const root = options.root ?? projectRoot(__dirname);
  const manifestDir = join(root, 'manifest');
  const { values, envFile } = readValues(root, options.environment, options.variables);

  const manifestJson = readJson(join(manifestDir, 'manifest.json'));
  const localisationFiles = localisationFilesOf(manifestJson);
  const localisationJson = new Map(
    localisationFiles.map((file) => [file, readJson(resolveInside(manifestDir, file))]),
  );

  const valueProblems = checkValues(values, [manifestJson, ...localisationJson.values()]);
  if (valueProblems.length > 0) throw new PackageError(valueProblems);

  const manifest = fillPlaceholders(manifestJson, values) as Manifest;
  applyOverrides(manifest, values);
  const localisations = new Map(
    [...localisationJson].map(([file, json]) => [file, fillPlaceholders(json, values)]),
  );

  const manifestProblems = await validateDocument('manifest.json', manifest);
  const problems = [
    ...manifestProblems,
    ...(await validateLocalisations(localisations)),
    // The icons are found through the manifest, so only a manifest of the right shape says where.
    ...(manifestProblems.length === 0 ? checkIcons(manifestDir, manifest) : []),
  ];
  if (problems.length > 0) throw new PackageError(problems);

  const zip = new JSZip();
  const add = (name: string, content: string | Buffer) =>
    zip.file(name, content, { date: ENTRY_DATE, createFolders: false });
  add('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [file, json] of localisations) add(zipPath(file), `${JSON.stringify(json, null, 2)}\n`);
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    add(zipPath(icon), readFileSync(resolveInside(manifestDir, icon)));
  }
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });

  const file = resolve(
    options.out ?? join(root, 'dist', 'appPackage', `appPackage.${options.environment}.zip`),
  );
  mkdirSync(dirname(file), { recursive: true });
  // Written beside the target and renamed, so an interrupted run never leaves half a zip.
  const partial = `${file}.${String(process.pid)}.partial`;
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }

  return {
    file,
    envFile,
    manifest,
    entries: Object.keys(zip.files),
    warnings: developerUrlWarnings(manifest),
  };
}

/** The environment file's values overlaid with the given ones; blank counts as not set. */
function readValues(
  root: string,
  environment: string,
  variables: Readonly<Record<string, string | undefined>>,
): { values: ReadonlyMap<string, string>; envFile: string | undefined } {
  const path = join(root, 'env', `.env.${environment}`);
  const envFile = existsSync(path) ? path : undefined;
  const fromFile = envFile === undefined ? {} : parseEnv(readFileSync(envFile, 'utf8'));
  const values = new Map<string, string>();
  for (const source of [fromFile, variables]) {
    for (const [key, value] of Object.entries(source)) {
      const trimmed = value?.trim() ?? '';
      if (trimmed !== '') values.set(key, trimmed);
    }
  }
  return { values, envFile };
}

function checkValues(values: ReadonlyMap<string, string>, documents: readonly unknown[]): string[] {
  const problems: string[] = [];
  const referenced = new Set(documents.flatMap(placeholdersIn));

  for (const [key, what] of Object.entries(REQUIRED_GUIDS)) {
    const value = values.get(key);
    if (value === undefined) problems.push(`${key} is not set: ${what}, a GUID`);
    else if (!GUID.test(value)) problems.push(`${key} is not a GUID ("${value}"): ${what}`);
    referenced.delete(key);
  }
  for (const key of [...referenced].sort()) {
    if (!values.has(key)) problems.push(`${key} is not set, but the manifest uses \${{${key}}}`);
  }

  const domain = values.get('BOT_DOMAIN');
  if (domain !== undefined && !HOST_NAME.test(domain)) {
    problems.push(
      `BOT_DOMAIN is not a host name ("${domain}"): give it without https:// or a path, e.g. bot.example.org`,
    );
  }
  for (const { key } of DEVELOPER_URLS) {
    const url = values.get(key);
    if (url !== undefined && !isHttpsUrl(url)) problems.push(`${key} is not an https:// URL ("${url}")`);
  }
  return problems;
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

function placeholdersIn(value: unknown): string[] {
  if (typeof value === 'string') return [...value.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
  if (Array.isArray(value)) return value.flatMap(placeholdersIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(placeholdersIn);
  return [];
}

// Placeholders are replaced inside parsed string values rather than in the file's text, so a
// value can never break the JSON around it.
function fillPlaceholders(value: unknown, values: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string')
    return value.replace(PLACEHOLDER, (_match, key: string) => values.get(key) ?? '');
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, values));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, fillPlaceholders(item, values)]),
    );
  }
  return value;
}

function applyOverrides(manifest: Manifest, values: ReadonlyMap<string, string>): void {
  const domain = values.get('BOT_DOMAIN');
  if (domain !== undefined) {
    const domains = manifest.validDomains ?? [];
    manifest.validDomains = domains.includes(domain) ? domains : [...domains, domain];
  }
  for (const { key, field } of DEVELOPER_URLS) {
    const url = values.get(key);
    if (url !== undefined) manifest.developer[field] = url;
  }
}

function developerUrlWarnings(manifest: Manifest): string[] {
  return DEVELOPER_URLS.map(({ key, field }) => ({ key, field, url: manifest.developer[field] }))
    .filter(({ url }) => url.startsWith(PLACEHOLDER_URL_PREFIX))
    .map(
      ({ key, field, url }) =>
        `developer.${field} is still the placeholder ${url}; set ${key} before publishing`,
    );
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PackageError([
      `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
}

function localisationFilesOf(manifest: unknown): string[] {
  const languages = (manifest as Partial<Manifest>).localizationInfo?.additionalLanguages ?? [];
  return languages.map(({ file }) => file);
}

// The manifest names its files relative to itself; the zip keeps those names, so they must stay
// inside manifest/.
function resolveInside(dir: string, file: string): string {
  const path = resolve(dir, file);
  const inside = relative(dir, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw new PackageError([`manifest.json names "${file}", which is outside manifest/`]);
  }
  return path;
}

function zipPath(file: string): string {
  return normalize(file).split(sep).join('/');
}

async function validateDocument(
  name: string,
  document: unknown,
  schemaFix?: (schema: Schema) => void,
): Promise<string[]> {
  const schemaUrl = (document as { $schema?: unknown }).$schema;
  if (typeof schemaUrl !== 'string') return [`${name} names no $schema`];
  const bundled = bundledSchemaFile(schemaUrl);
  if (bundled === undefined || !existsSync(bundled)) {
    return [
      `${name}: schema ${schemaUrl} is not bundled with @microsoft/app-manifest; update the package rather than fetch it`,
    ];
  }
  // fetchSchema reads the bundled copy checked above; it would only go to the network for a
  // schema the package does not ship.
  const schema = await AppManifestUtils.fetchSchema(schemaUrl);
  schemaFix?.(schema);
  // validateAgainstSchema is typed for manifests, but it checks any document against the schema
  // it is given.
  const errors = await AppManifestUtils.validateAgainstSchema(document as AppManifest, schema);
  return errors.map((error) => `${name}: ${error}`);
}

// Mirrors AppManifestUtils' own lookup: https://developer.microsoft.com/[<locale>/]json-schemas/…
// lives in the package's build/json-schemas/….
function bundledSchemaFile(schemaUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(schemaUrl);
  } catch {
    return undefined;
  }
  const path = /^(?:\/[a-z]{2}(?:-[a-z]{2})?)?(\/json-schemas\/.+)$/i.exec(url.pathname)?.[1];
  if (url.hostname !== 'developer.microsoft.com' || path === undefined) return undefined;
  const packageDir = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return join(packageDir, 'build', ...path.split('/'));
}

async function validateLocalisations(localisations: ReadonlyMap<string, unknown>): Promise<string[]> {
  const problems: string[] = [];
  for (const [file, json] of localisations)
    problems.push(...(await validateDocument(file, json, escapeBrackets)));
  return problems;
}

// The Teams localisation schemas write two activityTypes keys with an unescaped ']'
// (MicrosoftDocs/msteams-docs#8858). Ajv compiles patterns with the 'u' flag, which rejects
// that, so the bracket is escaped; the pattern still matches exactly the same keys.
function escapeBrackets(schema: Schema): void {
  const patterns = (schema.patternProperties ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(patterns)) {
    const escaped = key.replaceAll('\\b]', '\\b\\]');
    if (escaped !== key) {
      patterns[escaped] = patterns[key];
      Reflect.deleteProperty(patterns, key);
    }
  }
}

interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colourType: number;
  readonly interlaced: boolean;
}

function checkIcons(manifestDir: string, manifest: Manifest): string[] {
  const problems: string[] = [];
  const icon = (file: string): Buffer | undefined => {
    const path = resolveInside(manifestDir, file);
    if (existsSync(path)) return readFileSync(path);
    problems.push(`${file} does not exist in manifest/`);
    return undefined;
  };

  const { color, outline } = manifest.icons;
  const colorBytes = icon(color);
  const colorHeader = colorBytes && pngHeader(color, colorBytes, problems);
  if (colorHeader) checkSize(color, colorHeader, COLOR_ICON_SIZE, problems);

  const outlineBytes = icon(outline);
  const outlineHeader = outlineBytes && pngHeader(outline, outlineBytes, problems);
  if (outlineBytes && outlineHeader && checkSize(outline, outlineHeader, OUTLINE_ICON_SIZE, problems)) {
    checkWhiteOnTransparent(outline, outlineBytes, outlineHeader, problems);
  }
  return problems;
}

function pngHeader(file: string, bytes: Buffer, problems: string[]): PngHeader | undefined {
  if (
    bytes.length < 33 ||
    !bytes.subarray(0, 8).equals(PNG_SIGNATURE) ||
    bytes.toString('ascii', 12, 16) !== 'IHDR'
  ) {
    problems.push(`${file} is not a PNG`);
    return undefined;
  }
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    bitDepth: bytes.readUInt8(24),
    colourType: bytes.readUInt8(25),
    interlaced: bytes.readUInt8(28) !== 0,
  };
}

function checkSize(file: string, header: PngHeader, size: number, problems: string[]): boolean {
  if (header.width === size && header.height === size) return true;
  problems.push(`${file} is ${header.width}×${header.height}; Teams needs ${size}×${size}`);
  return false;
}

// Teams tints the outline icon itself, so every pixel that shows must be white. Only 8-bit,
// non-interlaced images are decoded (what scripts/make-icons.ts writes); anything else is
// refused rather than passed unchecked.
function checkWhiteOnTransparent(file: string, bytes: Buffer, header: PngHeader, problems: string[]): void {
  const channels =
    header.colourType === COLOUR_TYPE_RGBA ? 4 : header.colourType === COLOUR_TYPE_GREY_ALPHA ? 2 : undefined;
  if (channels === undefined) {
    problems.push(
      `${file} has no alpha channel (PNG colour type ${header.colourType}); Teams needs white on transparent`,
    );
    return;
  }
  if (header.bitDepth !== 8 || header.interlaced) {
    problems.push(
      `${file} cannot be checked for white on transparent: save it as 8-bit, non-interlaced RGBA`,
    );
    return;
  }
  const pixels = unfilter(inflateSync(idatData(bytes)), header.width, header.height, channels);
  let offending = 0;
  for (let offset = 0; offset < pixels.length; offset += channels) {
    const alpha = pixels[offset + channels - 1];
    const colour = pixels.subarray(offset, offset + channels - 1);
    if (alpha !== 0 && colour.some((channel) => channel !== 0xff)) offending++;
  }
  if (offending > 0) {
    problems.push(
      `${file} has ${offending} visible pixels that are not white; Teams needs white on transparent`,
    );
  }
}

function idatData(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let offset = 8; offset + 8 <= bytes.length;) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('ascii', offset + 4, offset + 8);
    if (type === 'IDAT') parts.push(bytes.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') break;
    offset += 12 + length;
  }
  return Buffer.concat(parts);
}

// PNG scanline filters (PNG spec §9): each row starts with a filter type byte and stores its
// bytes as differences from the left, upper or upper-left neighbour.
function unfilter(data: Buffer, width: number, height: number, bytesPerPixel: number): Buffer {
  const stride = width * bytesPerPixel;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const raw = data[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= bytesPerPixel ? (out[y * stride + x - bytesPerPixel] ?? 0) : 0;
      const up = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= bytesPerPixel && y > 0 ? (out[(y - 1) * stride + x - bytesPerPixel] ?? 0) : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = Math.floor((left + up) / 2);
      else if (filter === 4) predicted = paeth(left, up, upLeft);
      out[y * stride + x] = (raw + predicted) & 0xff;
    }
  }
  return out;
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: { env: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const environment = args.env ?? process.env['TEAMSFX_ENV'] ?? DEFAULT_ENVIRONMENT;
  const built = await buildAppPackage({ environment, variables: process.env, out: args.out });

  const domains = built.manifest.validDomains ?? [];
  process.stdout.write(
    [
      `Wrote ${relative(process.cwd(), built.file)} (${built.entries.join(', ')})`,
      `  values from ${built.envFile === undefined ? `the environment (there is no env/.env.${environment})` : `${relative(process.cwd(), built.envFile)} and the environment`}`,
      `  Teams app ${built.manifest.id}, bot ${built.manifest.bots?.[0]?.botId ?? '-'}, valid domains: ${domains.join(', ') || '-'}`,
    ].join('\n') + '\n',
  );
  for (const warning of built.warnings) process.stderr.write(`warning: ${warning}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      error instanceof PackageError
        ? `${error.message}\n\n${USAGE}\n`
        : `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
