import assert from 'node:assert/strict';

import { ConfigError, describeConfig, loadConfig } from '../../../src/config';

const APP_ID = '7a1e4d2c-5b8f-4c3a-9e6d-2f0b8c7a5d13';
const TENANT_ID = '3f2b6c1e-8d4a-4b7e-9c2f-1a5d7e9b0c41';
const PASSWORD = 'pa55word-that-must-never-be-logged';
const COSMOS_KEY = 'C0smosKeyThatMustNeverBeLogged==';

/** The least a production deployment needs. */
const PRODUCTION: NodeJS.ProcessEnv = {
  COSMOS_ENDPOINT: 'https://stand-van-zaken.documents.azure.com:443/',
  BOT_APP_ID: APP_ID,
  BOT_APP_PASSWORD: PASSWORD,
  BOT_TENANT_ID: TENANT_ID,
};

/** Runs loadConfig expecting a refusal, and returns the problems it names. */
function problemsWith(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('the configuration was accepted');
}

function assertNamesKeys(problems: readonly string[], keys: readonly string[]): void {
  for (const key of keys) {
    assert.ok(
      problems.some((problem) => problem.startsWith(`${key}:`)),
      `${key} is not among the problems ${JSON.stringify(problems)}`,
    );
  }
}

describe('loadConfig', () => {
  it('loads a minimal production environment with defaults for the rest', () => {
    const config = loadConfig(PRODUCTION);

    assert.deepEqual(config, {
      environment: 'production',
      host: '127.0.0.1',
      port: 3978,
      logLevel: 'info',
      defaultLanguage: 'nl',
      bot: { appId: APP_ID, appType: 'SingleTenant', password: PASSWORD, tenantId: TENANT_ID },
      cosmos: {
        endpoint: 'https://stand-van-zaken.documents.azure.com:443/',
        key: undefined,
        database: 'stand-van-zaken',
        managedIdentityClientId: undefined,
      },
      coordinators: [],
      readers: [],
      speerpuntReviewers: new Map(),
      scheduler: {
        intervalMs: 60_000,
        secret: undefined,
        sendAnyTime: false,
        firstAsk: 'per-project',
        remindersPerWeek: 3,
      },
      fileDownloadHosts: ['*.sharepoint.com', '*.sharepoint.us', '*.sharepoint-mil.us'],
      allowedTenants: [TENANT_ID.toLowerCase()],
      documents: { publicBaseUrl: undefined, secret: undefined },
    });
  });

  it('reads the public address without a trailing slash, and refuses a weak document secret', () => {
    const config = loadConfig({
      ...PRODUCTION,
      PUBLIC_BASE_URL: 'https://standvanzaken.gemeente.nl/',
      DOCUMENT_SECRET: 'x'.repeat(32),
    });
    assert.deepEqual(config.documents, {
      publicBaseUrl: 'https://standvanzaken.gemeente.nl',
      secret: 'x'.repeat(32),
    });
    assert.throws(() => loadConfig({ ...PRODUCTION, DOCUMENT_SECRET: 'kort' }), /DOCUMENT_SECRET/);
    assert.throws(
      () => loadConfig({ ...PRODUCTION, PUBLIC_BASE_URL: 'standvanzaken.nl' }),
      /PUBLIC_BASE_URL/,
    );
  });

  it('names every malformed key at once', () => {
    const problems = problemsWith({
      ...PRODUCTION,
      COSMOS_ENDPOINT: 'http://stand-van-zaken.documents.azure.com',
      BOT_TENANT_ID: 'contoso.onmicrosoft.com',
      PORT: '70000',
      COORDINATORS: 'carla@gemeenten.example, iedereen',
    });

    assertNamesKeys(problems, ['COSMOS_ENDPOINT', 'BOT_TENANT_ID', 'PORT', 'COORDINATORS']);
    assert.equal(problems.length, 4, JSON.stringify(problems));
  });

  it('names a missing key together with a malformed one', () => {
    const problems = problemsWith({
      BOT_APP_ID: APP_ID,
      BOT_APP_PASSWORD: PASSWORD,
      BOT_TENANT_ID: TENANT_ID,
      PORT: 'http',
    });

    assertNamesKeys(problems, ['PORT', 'COSMOS_ENDPOINT']);
  });

  it('says what is wrong in the error message too, for the start-up log', () => {
    assert.throws(
      () => loadConfig({ ...PRODUCTION, COSMOS_ENDPOINT: 'not a url' }),
      (error: unknown) => error instanceof ConfigError && error.message.includes('COSMOS_ENDPOINT'),
    );
  });

  it('refuses an environment without COSMOS_ENDPOINT', () => {
    const { COSMOS_ENDPOINT: _endpoint, ...withoutCosmos } = PRODUCTION;

    assertNamesKeys(problemsWith(withoutCosmos), ['COSMOS_ENDPOINT']);
  });

  it('refuses production without BOT_APP_ID', () => {
    const problems = problemsWith({ NODE_ENV: 'production', COSMOS_ENDPOINT: PRODUCTION.COSMOS_ENDPOINT });

    assertNamesKeys(problems, ['BOT_APP_ID']);
  });

  it('treats an environment without NODE_ENV as production', () => {
    assertNamesKeys(problemsWith({ COSMOS_ENDPOINT: PRODUCTION.COSMOS_ENDPOINT }), ['BOT_APP_ID']);
  });

  it('runs anonymously in development without BOT_APP_ID', () => {
    const config = loadConfig({ NODE_ENV: 'development', COSMOS_ENDPOINT: 'https://127.0.0.1:8081' });

    assert.equal(config.environment, 'development');
    assert.equal(config.bot, undefined);
  });

  it('refuses a password for a bot that signs in with a user-assigned managed identity', () => {
    const problems = problemsWith({ ...PRODUCTION, BOT_APP_TYPE: 'UserAssignedMSI' });

    assertNamesKeys(problems, ['BOT_APP_PASSWORD']);
  });

  it('accepts a user-assigned managed identity without a password', () => {
    const config = loadConfig({ ...PRODUCTION, BOT_APP_TYPE: 'UserAssignedMSI', BOT_APP_PASSWORD: '' });

    assert.deepEqual(config.bot, {
      appId: APP_ID,
      appType: 'UserAssignedMSI',
      password: undefined,
      tenantId: TENANT_ID,
    });
  });

  it('refuses a SingleTenant bot without a password', () => {
    const { BOT_APP_PASSWORD: _password, ...withoutPassword } = PRODUCTION;

    assertNamesKeys(problemsWith(withoutPassword), ['BOT_APP_PASSWORD']);
  });

  it('lets only tests point the token check at another OpenID metadata address, on loopback', () => {
    const local = 'http://127.0.0.1:4100/v1/.well-known/openidconfiguration';

    assert.equal(
      loadConfig({ ...PRODUCTION, NODE_ENV: 'test', BOT_OPENID_METADATA_URL: local }).bot?.openIdMetadataUrl,
      local,
    );
    assert.equal(
      loadConfig({ ...PRODUCTION, BOT_OPENID_METADATA_URL: '' }).bot?.openIdMetadataUrl,
      undefined,
    );
    // Production, development, and no NODE_ENV at all (which is production).
    for (const environment of [{ NODE_ENV: 'production' }, { NODE_ENV: 'development' }, {}]) {
      assertNamesKeys(problemsWith({ ...PRODUCTION, ...environment, BOT_OPENID_METADATA_URL: local }), [
        'BOT_OPENID_METADATA_URL',
      ]);
    }
    assertNamesKeys(
      problemsWith({
        ...PRODUCTION,
        NODE_ENV: 'test',
        BOT_OPENID_METADATA_URL: 'https://keys.example.org/.well-known/openidconfiguration',
      }),
      ['BOT_OPENID_METADATA_URL'],
    );
    assertNamesKeys(
      problemsWith({
        NODE_ENV: 'test',
        COSMOS_ENDPOINT: PRODUCTION.COSMOS_ENDPOINT,
        BOT_OPENID_METADATA_URL: local,
      }),
      ['BOT_OPENID_METADATA_URL'],
    );
  });

  it('reads coordinators as lower-case e-mail addresses and object ids', () => {
    const config = loadConfig({
      ...PRODUCTION,
      COORDINATORS: ' Carla@Gemeenten.Example , 0B3C8F6E-2D4A-4E1B-9A7C-5F8E1D2C3B4A',
    });

    assert.deepEqual(config.coordinators, [
      'carla@gemeenten.example',
      '0b3c8f6e-2d4a-4e1b-9a7c-5f8e1d2c3b4a',
    ]);
  });

  it('allows the bot’s own tenant by default, or the tenants ALLOWED_TENANTS names', () => {
    assert.deepEqual(loadConfig({ ...PRODUCTION, ALLOWED_TENANTS: '' }).allowedTenants, [TENANT_ID]);
    const other = '99999999-8888-7777-6666-55555555555A';
    assert.deepEqual(
      loadConfig({ ...PRODUCTION, ALLOWED_TENANTS: `${TENANT_ID}, ${other}` }).allowedTenants,
      [TENANT_ID, other.toLowerCase()],
    );
    assertNamesKeys(problemsWith({ ...PRODUCTION, ALLOWED_TENANTS: 'contoso.onmicrosoft.com' }), [
      'ALLOWED_TENANTS',
    ]);
  });

  it('reads the hosts files may be downloaded from, and refuses what is no host name', () => {
    const config = loadConfig({
      ...PRODUCTION,
      FILE_DOWNLOAD_HOSTS: ' Contoso.SharePoint.com, *.sharepoint.us ',
    });

    assert.deepEqual(config.fileDownloadHosts, ['contoso.sharepoint.com', '*.sharepoint.us']);
    assertNamesKeys(problemsWith({ ...PRODUCTION, FILE_DOWNLOAD_HOSTS: 'https://evil.example/x' }), [
      'FILE_DOWNLOAD_HOSTS',
    ]);
  });

  it('treats an empty HOST or COSMOS_DATABASE as unset and falls back to the default', () => {
    const config = loadConfig({ ...PRODUCTION, HOST: '', COSMOS_DATABASE: '  ' });

    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.cosmos.database, 'stand-van-zaken');
  });

  it('treats an empty PORT as unset and listens on port 3978', () => {
    const config = loadConfig({ ...PRODUCTION, PORT: '' });

    assert.equal(config.port, 3978);
  });
});

describe('describeConfig', () => {
  it('shows every setting but never the bot password or the Cosmos key', () => {
    const description = JSON.stringify(describeConfig(loadConfig({ ...PRODUCTION, COSMOS_KEY })));

    assert.ok(!description.includes(PASSWORD), description);
    assert.ok(!description.includes(COSMOS_KEY), description);
    assert.ok(description.includes(APP_ID));
    assert.ok(description.includes('***'));
  });

  it('says when the bot runs anonymously', () => {
    const description = describeConfig(
      loadConfig({ NODE_ENV: 'development', COSMOS_ENDPOINT: 'https://127.0.0.1:8081' }),
    );

    assert.match(String(description.bot), /anonymous/);
  });
});
