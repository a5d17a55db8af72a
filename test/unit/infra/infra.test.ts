import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseEnv } from 'node:util';

import { CONFIG_KEYS } from '../../../src/config';
import { CONTAINERS, EXPIRING } from '../../../src/infrastructure/cosmos/cosmos-store';
import { projectRoot } from '../../../src/project-root';

// There is no Bicep compiler or Azure here, so infra/ is read as text: what the code expects of
// Azure (containers, partition keys, expiry, indexes, settings) is checked against what the
// templates declare, and the templates' modules, parameters and outputs against each other.

const root = projectRoot();
const infra = join(root, 'infra');

/** App settings that App Service itself reads (not the bot), each with why it is there. */
const PLATFORM_SETTINGS: Readonly<Record<string, string>> = {
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'App Service runs a build after a zip deploy',
  CUSTOM_BUILD_COMMAND: 'what that build runs: the production dependencies only',
};

/** Settings production cannot do without, or that the deployment promises to set. */
const WIRED_SETTINGS = [
  'NODE_ENV',
  'HOST',
  'BOT_APP_ID',
  'BOT_APP_TYPE',
  'BOT_TENANT_ID',
  'BOT_APP_PASSWORD',
  'COSMOS_ENDPOINT',
  'COSMOS_DATABASE',
  'AZURE_CLIENT_ID',
  'SCHEDULER_INTERVAL_SECONDS',
  'SCHEDULER_SECRET',
  'PUBLIC_BASE_URL',
  'DOCUMENT_SECRET',
  'COORDINATORS',
  'READERS',
  'ALLOWED_TENANTS',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
];

/** Settings whose value is a secret: only ever a Key Vault reference. */
const SECRET_SETTINGS = ['DOCUMENT_SECRET', 'SCHEDULER_SECRET', 'BOT_APP_PASSWORD'];

/** Bicep keywords that open an object, not app setting names. */
const STRUCTURAL_KEYS = new Set(['name', 'parent', 'properties']);

const KEY_VAULT_REFERENCE = /^'@Microsoft\.KeyVault\(SecretUri=\$\{\w+\}\)'$/;

function bicepFiles(dir: string = infra): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return bicepFiles(path);
    return entry.name.endsWith('.bicep') ? [path] : [];
  });
}

/** A Bicep file without its comments (strings, which may hold `//` as in https://, are kept). */
function readBicep(path: string): string {
  const text = readFileSync(path, 'utf8');
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (inString) {
      out += char;
      if (char === '\\') out += text.charAt(++i);
      else if (char === "'") inString = false;
    } else if (char === "'") {
      inString = true;
      out += char;
    } else if (text.startsWith('//', i)) {
      while (i < text.length && text.charAt(i) !== '\n') i++;
      out += '\n';
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else {
      out += char;
    }
  }
  return out;
}

/** The text from the bracket at `open` to its partner, brackets inside strings ignored. */
function balanced(text: string, open: number): string {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const char = text.charAt(i);
    if (inString) {
      if (char === '\\') i++;
      else if (char === "'") inString = false;
    } else if (char === "'") {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth++;
    } else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return text.slice(open, i + 1);
    }
  }
  throw new Error(`unbalanced brackets from offset ${open}`);
}

/** The object literals directly inside an array literal. */
function topLevelObjects(array: string): string[] {
  const objects: string[] = [];
  for (let i = 1; i < array.length - 1; i++) {
    if (array.charAt(i) === '{') {
      const object = balanced(array, i);
      objects.push(object);
      i += object.length - 1;
    }
  }
  return objects;
}

function stringsIn(text: string): string[] {
  return [...text.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((match) => match[1] ?? '');
}

interface BicepContainer {
  readonly name: string;
  readonly partitionKey: string;
  readonly defaultTtl: string;
  readonly excludedPaths: readonly string[];
}

function declaredContainers(): BicepContainer[] {
  const declarations = bicepFiles()
    .map(readBicep)
    .filter((text) => /^var containers = \[/m.test(text));
  assert.equal(declarations.length, 1, 'exactly one Bicep file declares `var containers = [...]`');
  const text = declarations[0] ?? '';
  const array = balanced(text, text.search(/^var containers = \[/m) + 'var containers = '.length);
  return topLevelObjects(array).map((object) => {
    const field = (key: string) => new RegExp(`^\\s*${key}:\\s*(.+)$`, 'm').exec(object)?.[1]?.trim() ?? '';
    const excluded = /^\s*excludedPaths:\s*(\[[\s\S]*?\])/m.exec(object)?.[1] ?? '[]';
    return {
      name: stringsIn(field('name'))[0] ?? '',
      partitionKey: stringsIn(field('partitionKey'))[0] ?? '',
      defaultTtl: field('defaultTtl'),
      excludedPaths: stringsIn(excluded),
    };
  });
}

/**
 * Whether a Cosmos index covers `path` (`/a/b/?`): the most specific rule that matches decides,
 * as Cosmos DB does; `/x/*` matches everything under /x, `/*` everything.
 */
function isIndexed(path: string, container: BicepContainer): boolean {
  const included = container.excludedPaths.includes('/*') ? [] : ['/*'];
  const rules = [
    ...included.map((rule) => ({ rule, include: true })),
    ...container.excludedPaths.map((rule) => ({ rule, include: false })),
  ];
  const matching = rules
    .filter(({ rule }) => rule === path || (rule.endsWith('/*') && path.startsWith(rule.slice(0, -1))))
    .sort((a, b) => b.rule.length - a.rule.length);
  return matching[0]?.include ?? false;
}

/** Per container, the document fields the repositories' queries filter or sort on. */
function queriedFields(): Map<string, Set<string>> {
  const source = readFileSync(join(root, 'src', 'infrastructure', 'cosmos', 'repositories.ts'), 'utf8');
  const containerOf = new Map(
    [...source.matchAll(/new (\w+)\(store\.containers\.(\w+)\)/g)].map((match) => [
      match[1] ?? '',
      match[2] ?? '',
    ]),
  );
  const fields = new Map<string, Set<string>>();
  for (const chunk of source.split(/^export class /m).slice(1)) {
    const className = /^\w+/.exec(chunk)?.[0] ?? '';
    const sql = [...chunk.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`([^`]*)`/g)]
      .map((match) => match[1] ?? match[2] ?? match[3] ?? '')
      .join(' ');
    const clauses = sql.split(/\bWHERE\b/).slice(1);
    if (clauses.length === 0) continue;
    const container = containerOf.get(className);
    assert.ok(container, `${className} queries, but no container is passed to it`);
    const found = clauses.flatMap((clause) =>
      [...(clause.split(/\bSELECT\b/)[0] ?? '').matchAll(/\bc\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)/g)].map(
        (match) => match[1] ?? '',
      ),
    );
    assert.ok(
      found.length > 0,
      `${className}: a WHERE clause in which no field was found; the parser is stale`,
    );
    const set = fields.get(container) ?? new Set<string>();
    for (const field of found) set.add(field);
    fields.set(container, set);
  }
  return fields;
}

function appSettings(): Map<string, string> {
  const text = readBicep(join(infra, 'modules', 'app-settings.bicep'));
  const settings = new Map<string, string>();
  for (const match of text.matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.+)$/gm)) {
    const key = match[1] ?? '';
    if (!STRUCTURAL_KEYS.has(key)) settings.set(key, (match[2] ?? '').trim());
  }
  return settings;
}

interface BicepParam {
  readonly name: string;
  readonly type: string;
  readonly defaultValue: string | undefined;
  readonly secure: boolean;
  readonly allowed: readonly string[] | undefined;
}

/** The `param` declarations of a Bicep file, with the decorators written above each. */
function paramsOf(path: string): Map<string, BicepParam> {
  const text = readBicep(path);
  const params = new Map<string, BicepParam>();
  let start = 0;
  for (const match of text.matchAll(/^param\s+(\w+)\s+(\w+)(?:\s*=\s*(.+))?$/gm)) {
    // The decorators directly above the declaration: the lines since the last blank line.
    const above =
      text
        .slice(start, match.index)
        .split(/\n\s*\n/)
        .pop() ?? '';
    start = match.index + match[0].length;
    const allowed = /@allowed\(\s*\[([\s\S]*?)\]\s*\)/.exec(above)?.[1];
    params.set(match[1] ?? '', {
      name: match[1] ?? '',
      type: match[2] ?? '',
      defaultValue: match[3]?.trim(),
      secure: above.includes('@secure()'),
      allowed: allowed === undefined ? undefined : stringsIn(allowed),
    });
  }
  return params;
}

function outputsOf(path: string): Set<string> {
  return new Set([...readBicep(path).matchAll(/^output\s+(\w+)\s/gm)].map((match) => match[1] ?? ''));
}

interface ModuleCall {
  readonly symbol: string;
  readonly path: string;
  readonly params: readonly string[];
}

function moduleCalls(path: string): ModuleCall[] {
  const text = readBicep(path);
  return [...text.matchAll(/^module\s+(\w+)\s+'([^']+)'\s*=\s*\{/gm)].map((match) => {
    const body = balanced(text, match.index + match[0].length - 1);
    const paramsAt = body.search(/^\s*params:\s*\{/m);
    const paramsBlock = paramsAt === -1 ? '{}' : balanced(body, body.indexOf('{', paramsAt));
    const inner = paramsBlock.slice(1, -1);
    const keys = [...inner.matchAll(/^ {4}(\w+):/gm)].map((key) => key[1] ?? '');
    return { symbol: match[1] ?? '', path: join(dirname(path), match[2] ?? ''), params: keys };
  });
}

function readEnvFile(name: string): Record<string, string | undefined> {
  return parseEnv(readFileSync(join(root, 'env', name), 'utf8'));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\$\{\{\s*([A-Za-z_]\w*)\s*\}\}/g)].map((match) => match[1] ?? '');
}

/** YAML without its comments (the project file's comments show optional steps). */
function withoutYamlComments(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .map((line) => line.replace(/\s+#.*$/, ''))
    .join('\n');
}

describe('infra/ (Bicep) against the code', function () {
  describe('the Cosmos DB containers', function () {
    it('are exactly the containers the code uses, each with its partition key', function () {
      const declared = Object.fromEntries(declaredContainers().map((c) => [c.name, c.partitionKey]));

      assert.deepEqual(declared, { ...CONTAINERS });
    });

    it('let items expire (defaultTtl -1) in the expiring containers and nowhere else', function () {
      for (const container of declaredContainers()) {
        const expiring = container.name in EXPIRING;
        assert.equal(
          container.defaultTtl,
          expiring ? '-1' : 'null',
          `${container.name}: defaultTtl ${container.defaultTtl}, expected ${expiring ? '-1' : 'none (null)'}`,
        );
      }
    });

    it('index every field the repositories filter or sort on', function () {
      const containers = new Map(declaredContainers().map((c) => [c.name, c]));
      const queried = queriedFields();
      assert.ok(queried.size > 0, 'no query found in repositories.ts');

      for (const [name, fields] of queried) {
        const container = containers.get(name);
        assert.ok(container, `the repositories query ${name}, which infra/ does not declare`);
        for (const field of fields) {
          const path = `/${field.split('.').join('/')}/?`;
          assert.ok(isIndexed(path, container), `${name}: ${path} is queried but left out of the index`);
        }
      }
    });

    it('leave out of the index what nobody queries, as the indexing check understands it', function () {
      const statusUpdates = declaredContainers().find((c) => c.name === 'statusUpdates');
      assert.ok(statusUpdates);

      assert.equal(isIndexed('/versions/0/answer/?', statusUpdates), false);
      assert.equal(isIndexed('/project/goal/?', statusUpdates), false);
      assert.equal(isIndexed('/roundId/?', statusUpdates), true);
      assert.equal(isIndexed('/project/number/?', statusUpdates), true);
    });
  });

  describe('the App Service settings', function () {
    it('are keys the bot reads (src/config.ts) or documented platform settings', function () {
      const known = new Set([...CONFIG_KEYS, ...Object.keys(PLATFORM_SETTINGS)]);
      const unknown = [...appSettings().keys()].filter((key) => !known.has(key));

      assert.deepEqual(unknown, [], `settings nothing reads: ${unknown.join(', ')}`);
    });

    it('wire everything production needs', function () {
      const settings = appSettings();
      const missing = WIRED_SETTINGS.filter((key) => !settings.has(key));

      assert.deepEqual(missing, []);
      assert.equal(settings.get('NODE_ENV'), "'production'");
      assert.equal(settings.get('HOST'), "'0.0.0.0'", 'App Service reaches the app on every interface');
    });

    it('reach Cosmos DB without a key', function () {
      assert.equal(appSettings().has('COSMOS_KEY'), false);
    });
  });

  describe('secrets', function () {
    it('are Key Vault references in the app settings, never values', function () {
      const settings = appSettings();
      for (const key of SECRET_SETTINGS) {
        assert.match(settings.get(key) ?? '', KEY_VAULT_REFERENCE, `${key} must be a Key Vault reference`);
      }
    });

    it('are not hard-coded anywhere in infra/', function () {
      for (const path of bicepFiles()) {
        const text = readBicep(path);
        const name = relative(root, path);
        assert.doesNotMatch(text, /\blist(Keys|ConnectionStrings|Secrets)\(/, `${name} reads account keys`);
        for (const param of paramsOf(path).values()) {
          if (!param.secure || param.defaultValue === undefined) continue;
          assert.match(
            param.defaultValue,
            /^'(\$\{newGuid\(\)\})*'$/,
            `${name}: the secure parameter ${param.name} has a literal default`,
          );
        }
        for (const literal of stringsIn(text)) {
          assert.equal(looksLikeAKey(literal), false, `${name}: '${literal}' looks like a key`);
        }
      }
    });

    it('are never values in the parameters file or the committed environment files', function () {
      const mainParams = paramsOf(join(infra, 'main.bicep'));
      for (const [name, { value }] of Object.entries(parametersFile())) {
        if (mainParams.get(name)?.secure) {
          assert.match(
            String(value),
            /^\$\{\{SECRET_\w+\}\}$/,
            `${name} is secure: give it as \${{SECRET_…}}`,
          );
        }
        assert.equal(looksLikeAKey(String(value)), false, `main.parameters.json: ${name} looks like a key`);
      }
      for (const file of ['.env.dev', '.env.prod']) {
        for (const [key, value] of Object.entries(readEnvFile(file))) {
          if (/SECRET|PASSWORD|_KEY$/.test(key))
            assert.equal(value ?? '', '', `env/${file}: ${key} has a value`);
          assert.equal(looksLikeAKey(value ?? ''), false, `env/${file}: ${key} looks like a key`);
        }
      }
    });
  });

  describe('the templates themselves', function () {
    it('call each module with parameters it declares, and every one it requires', function () {
      for (const file of bicepFiles()) {
        for (const call of moduleCalls(file)) {
          assert.ok(
            existsSync(call.path),
            `${relative(root, file)}: module ${call.symbol} (${call.path}) is missing`,
          );
          const declared = paramsOf(call.path);
          const unknown = call.params.filter((name) => !declared.has(name));
          const required = [...declared.values()]
            .filter((p) => p.defaultValue === undefined)
            .map((p) => p.name);
          const missing = required.filter((name) => !call.params.includes(name));
          assert.deepEqual(unknown, [], `module ${call.symbol}: parameters it does not declare`);
          assert.deepEqual(missing, [], `module ${call.symbol}: required parameters not given`);
        }
      }
    });

    it('use only outputs the modules declare', function () {
      const main = join(infra, 'main.bicep');
      const text = readBicep(main);
      for (const call of moduleCalls(main)) {
        const outputs = outputsOf(call.path);
        for (const match of text.matchAll(new RegExp(`\\b${call.symbol}\\.outputs\\.(\\w+)`, 'g'))) {
          assert.ok(outputs.has(match[1] ?? ''), `${call.symbol}.outputs.${match[1] ?? ''} is not an output`);
        }
      }
    });
  });
});

function looksLikeAKey(value: string): boolean {
  return [...value.matchAll(/[A-Za-z0-9+/]{40,}={0,2}/g)].some(
    ([token]) => /[0-9]/.test(token) && /[a-z]/.test(token) && /[A-Z]/.test(token),
  );
}

function parametersFile(): Record<string, { value?: unknown }> {
  const json = JSON.parse(readFileSync(join(infra, 'main.parameters.json'), 'utf8')) as {
    parameters?: Record<string, { value?: unknown }>;
  };
  return json.parameters ?? {};
}

describe('m365agents.yml and its environments', function () {
  const yaml = withoutYamlComments(readFileSync(join(root, 'm365agents.yml'), 'utf8'));

  it('provisions infra/main.bicep with infra/main.parameters.json', function () {
    assert.match(yaml, /^\s*- path: \.\/infra\/main\.bicep$/m);
    assert.match(yaml, /^\s*parameters: \.\/infra\/main\.parameters\.json$/m);
  });

  it('packages the Teams app from manifest/', function () {
    const manifests = [...yaml.matchAll(/^\s*manifestPath: (.+)$/gm)].map((match) => match[1]);

    assert.ok(manifests.length > 0);
    assert.deepEqual([...new Set(manifests)], ['./manifest/manifest.json']);
    assert.ok(existsSync(join(root, 'manifest', 'manifest.json')));
  });

  it('refers only to files that exist', function () {
    for (const match of yaml.matchAll(
      /^\s*(?:- )?(?:path|parameters|ignoreFile|manifestPath): (\.\/\S+)$/gm,
    )) {
      assert.ok(existsSync(join(root, match[1] ?? '')), `${match[1] ?? ''} does not exist`);
    }
  });

  it('gives main.parameters.json only parameters main.bicep declares, and each it requires', function () {
    const declared = paramsOf(join(infra, 'main.bicep'));
    const given = Object.keys(parametersFile());
    const required = [...declared.values()].filter((p) => p.defaultValue === undefined).map((p) => p.name);

    assert.deepEqual(
      given.filter((name) => !declared.has(name)),
      [],
    );
    assert.deepEqual(
      required.filter((name) => !given.includes(name)),
      [],
    );
  });

  for (const environment of ['dev', 'prod']) {
    it(`finds every value it uses in env/.env.${environment}, allowed where main.bicep restricts it`, function () {
      const env = readEnvFile(`.env.${environment}`);
      assert.equal(env['TEAMSFX_ENV'], environment);

      const parametersText = readFileSync(join(infra, 'main.parameters.json'), 'utf8');
      const used = [...placeholders(yaml), ...placeholders(parametersText)].filter(
        (name) => !name.startsWith('SECRET_'),
      );
      const undeclared = used.filter((name) => !(name in env));
      assert.deepEqual([...new Set(undeclared)], [], `add them to env/.env.${environment}`);

      const declared = paramsOf(join(infra, 'main.bicep'));
      for (const [name, { value }] of Object.entries(parametersFile())) {
        const allowed = declared.get(name)?.allowed;
        if (allowed === undefined) continue;
        const resolved = String(value).replace(
          /\$\{\{\s*(\w+)\s*\}\}/g,
          (_match, key: string) => env[key] ?? '',
        );
        assert.ok(
          allowed.includes(resolved),
          `${name} would be "${resolved}"; main.bicep allows ${allowed.join(', ')}`,
        );
      }
    });
  }
});
