import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import sinon from 'sinon';
import type { RunningApp } from '../../src/app';
import type { Repositories } from '../../src/domain/repositories';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { createLogger, type Logger } from '../../src/logger';
import { activityFrom, TENANT_ID, type TestUser } from '../support/activities';
import { FixedClock } from '../support/fixed-clock';
import { BOT_FRAMEWORK_ISSUER, foreignKey, LocalIdentityProvider } from '../support/local-identity-provider';
import { startTestApp } from '../support/test-app';

const APP_ID = '9a2b3c4d-1111-2222-3333-444455556666';
const OTHER_APP_ID = '0f0f0f0f-1111-2222-3333-444455556666';
/** Where Teams delivers from in Europe. Nothing is sent there: the turns below need no reply. */
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

const UNAUTHORIZED = {
  error: { code: 'Unauthorized', message: 'A valid Bot Framework token is required.' },
};
const UNAVAILABLE = { error: { code: 'ServiceUnavailable', message: 'Try again later.' } };

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly correlationId?: string;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly retryAfter: string | null;
  readonly correlationId: string;
}

/** A logger whose lines the test reads, as an operator would. */
function loggerInto(lines: LogLine[]): Logger {
  return createLogger(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          lines.push(JSON.parse(line) as LogLine);
        done();
      },
    }),
  );
}

/**
 * The claims of a Bot Framework channel token for this bot, as Teams sends them. Valid for an
 * hour from now: jsonwebtoken checks them against the system clock, so they are made from it.
 */
function teamsClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    serviceurl: SERVICE_URL,
    nbf: now - 60,
    exp: now + 3600,
    iss: BOT_FRAMEWORK_ISSUER,
    aud: APP_ID,
    ...overrides,
  };
}

let people = 0;
/** Someone new for every request, so "nothing was stored" is about that request alone. */
function newcomer(): TestUser {
  people++;
  return {
    id: `29:newcomer-${people}`,
    aadObjectId: `bbbbbbbb-0000-0000-0000-${String(people).padStart(12, '0')}`,
    name: `Newcomer ${people}`,
  };
}

/** Teams telling the bot someone opened its 1:1 chat: the turn remembers them and sends nothing. */
function chatOpenedBy(user: TestUser): Record<string, unknown> {
  return activityFrom(user, SERVICE_URL, {
    type: 'conversationUpdate',
    membersAdded: [{ id: user.id, aadObjectId: user.aadObjectId }],
  });
}

async function post(botUrl: string, activity: unknown, token?: string): Promise<Answer> {
  const correlationId = `bot-auth-${randomUUID()}`;
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-correlation-id': correlationId,
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as unknown) : undefined,
    retryAfter: response.headers.get('retry-after'),
    correlationId,
  };
}

describe('Bot Framework tokens on POST /api/messages, checked by the real CloudAdapter against a local identity provider', function () {
  this.timeout(30_000);
  /** botframework-connector prints refused tokens with console.error; none of it may reach stderr. */
  let stderr: sinon.SinonSpy;

  beforeEach(function () {
    stderr = sinon.spy(process.stderr, 'write');
  });

  afterEach(function () {
    stderr.restore();
  });

  function assertNothingPrinted(): void {
    assert.equal(stderr.callCount, 0, `printed: ${stderr.args.map((args) => String(args[0])).join('')}`);
  }

  describe('while the identity provider answers', function () {
    let provider: LocalIdentityProvider;
    let app: RunningApp;
    let botUrl: string;
    let repositories: Repositories;
    const lines: LogLine[] = [];

    before(async function () {
      provider = await new LocalIdentityProvider().start();
      ({ app, botUrl } = await startTestApp(
        {
          BOT_APP_ID: APP_ID,
          BOT_APP_PASSWORD: 'a-client-secret',
          BOT_TENANT_ID: TENANT_ID,
          BOT_OPENID_METADATA_URL: provider.metadataUrl,
        },
        { log: loggerInto(lines) },
      ));
      repositories = cosmosRepositories(app.store);
    });

    after(async function () {
      await app.close();
      await provider.stop();
    });

    it('accepts a token as Teams sends it: 200, and the turn runs (the sender is remembered)', async function () {
      const user = newcomer();
      const answer = await post(botUrl, chatOpenedBy(user), provider.token(teamsClaims()));

      assert.equal(answer.status, 200);
      assert.equal((await repositories.contacts.get(user.aadObjectId))?.name, user.name);
      assertNothingPrinted();
    });

    it('answers an invoke with the status and body the bot gave it', async function () {
      const invoke = activityFrom(newcomer(), SERVICE_URL, {
        type: 'invoke',
        name: 'composeExtension/query',
        value: {},
      });
      const answer = await post(botUrl, invoke, provider.token(teamsClaims()));

      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body, {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: 'This bot does not handle this invoke.' },
      });
    });

    const refused: readonly (readonly [string, () => string | undefined])[] = [
      ['no token at all', () => undefined],
      ['something that is no token', () => 'not-a-jwt'],
      [
        'an expired token (beyond the five minutes of leeway)',
        () => {
          const now = Math.floor(Date.now() / 1000);
          return provider.token(teamsClaims({ nbf: now - 7200, exp: now - 3600 }));
        },
      ],
      ['a token for another bot', () => provider.token(teamsClaims({ aud: OTHER_APP_ID }))],
      ['a token from another issuer', () => provider.token(teamsClaims({ iss: 'https://sts.example.org/' }))],
      [
        "an Entra token of the bot's tenant for another app (checked as the Emulator's, against the same keys)",
        () =>
          provider.token(
            teamsClaims({
              iss: `https://sts.windows.net/${TENANT_ID}/`,
              aud: 'https://api.botframework.com',
              tid: TENANT_ID,
              ver: '1.0',
              appid: OTHER_APP_ID,
            }),
          ),
      ],
      [
        'a token for another service URL than the activity names',
        () => provider.token(teamsClaims({ serviceurl: 'https://evil.example.org/' })),
      ],
      [
        'a token under a key id the provider does not publish',
        () => provider.token(teamsClaims(), 'unknown-key'),
      ],
      ['an unsigned token (alg: none)', () => provider.unsignedToken(teamsClaims())],
      [
        "an HS256 token keyed with the provider's public key",
        () => provider.hmacTokenWithPublicKey(teamsClaims()),
      ],
      [
        "a token signed with another RSA key under the provider's key id",
        () => provider.tokenSignedWith(foreignKey(), teamsClaims()),
      ],
    ];
    for (const [what, token] of refused) {
      it(`refuses ${what} with 401 and the same short answer; stores and prints nothing`, async function () {
        const user = newcomer();
        const answer = await post(botUrl, chatOpenedBy(user), token());

        assert.equal(answer.status, 401);
        assert.deepEqual(answer.body, UNAUTHORIZED);
        assert.equal(await repositories.contacts.get(user.aadObjectId), undefined);
        assert.ok(
          lines.some(
            (line) =>
              line.correlationId === answer.correlationId &&
              line.msg === 'activity refused: no valid Bot Framework token',
          ),
          'the refusal is logged with the request',
        );
        assertNothingPrinted();
      });
    }

    it("writes what the library prints about a refused token into the log, with the request's correlation id", async function () {
      const now = Math.floor(Date.now() / 1000);
      const expired = provider.token(teamsClaims({ nbf: now - 7200, exp: now - 3600 }));
      const answer = await post(botUrl, chatOpenedBy(newcomer()), expired);

      assert.equal(answer.status, 401);
      assert.ok(
        lines.some(
          (line) => line.correlationId === answer.correlationId && line.msg === 'printed by a library',
        ),
        'botframework-connector prints the expired token; that went to the log',
      );
      assertNothingPrinted();
    });
  });

  describe('while the identity provider cannot be reached', function () {
    const clock = new FixedClock('2021-06-01T08:00:00Z');
    let provider: LocalIdentityProvider;
    let app: RunningApp;
    let botUrl: string;
    let repositories: Repositories;
    const lines: LogLine[] = [];
    const refusedNewcomers = () =>
      Promise.all(
        Array.from({ length: 20 }, () =>
          post(botUrl, chatOpenedBy(newcomer()), provider.token(teamsClaims())),
        ),
      );

    before(async function () {
      // A provider the bot never reached before: no keys are cached for it.
      provider = await new LocalIdentityProvider().start();
      provider.setState('unreachable');
      ({ app, botUrl } = await startTestApp(
        {
          BOT_APP_ID: APP_ID,
          BOT_APP_PASSWORD: 'a-client-secret',
          BOT_TENANT_ID: TENANT_ID,
          BOT_OPENID_METADATA_URL: provider.metadataUrl,
        },
        { log: loggerInto(lines), clock },
      ));
      repositories = cosmosRepositories(app.store);
    });

    after(async function () {
      await app.close();
      await provider.stop();
    });

    it('answers 503 without detail, logs the error with the request, and stores and prints nothing', async function () {
      const user = newcomer();
      const answer = await post(botUrl, chatOpenedBy(user), provider.token(teamsClaims()));

      assert.equal(answer.status, 503);
      assert.deepEqual(answer.body, UNAVAILABLE);
      assert.equal(answer.retryAfter, '1');
      assert.equal(provider.attempts, 1);
      assert.equal(await repositories.contacts.get(user.aadObjectId), undefined);
      assert.ok(
        lines.some(
          (line) =>
            line.level >= 50 &&
            line.correlationId === answer.correlationId &&
            line.msg.startsWith('the identity provider cannot be reached'),
        ),
        'an error in the log, with the request',
      );
      assertNothingPrinted();
    });

    it('does not try the provider again during the pause: 20 requests, all 503 at once, no attempt', async function () {
      const answers = await refusedNewcomers();

      assert.deepEqual(
        answers.map((answer) => [answer.status, answer.body]),
        answers.map(() => [503, UNAVAILABLE]),
      );
      assert.equal(provider.attempts, 1);
      assertNothingPrinted();
    });

    it('tries once when the pause is over, however many requests come, and doubles the pause while the provider stays away', async function () {
      clock.advance({ seconds: 1 });
      const answers = await refusedNewcomers();
      assert.ok(answers.every((answer) => answer.status === 503));
      assert.equal(provider.attempts, 2, 'one try for 20 requests');

      clock.advance({ seconds: 1 });
      assert.equal((await post(botUrl, chatOpenedBy(newcomer()), provider.token(teamsClaims()))).status, 503);
      assert.equal(provider.attempts, 2, 'the pause is 2 s now');

      clock.advance({ seconds: 1 });
      assert.equal((await post(botUrl, chatOpenedBy(newcomer()), provider.token(teamsClaims()))).status, 503);
      assert.equal(provider.attempts, 3);
      assertNothingPrinted();
    });

    it('takes an error status from the provider as unreachable too', async function () {
      provider.setState('failing');
      clock.advance({ seconds: 4 });
      const answer = await post(botUrl, chatOpenedBy(newcomer()), provider.token(teamsClaims()));

      assert.equal(answer.status, 503);
      assert.deepEqual(answer.body, UNAVAILABLE);
      assert.equal(provider.attempts, 4);
      assertNothingPrinted();
    });

    it('accepts tokens again once the provider answers, and keeps its keys', async function () {
      provider.setState('up');
      clock.advance({ seconds: 8 });
      const user = newcomer();
      const answer = await post(botUrl, chatOpenedBy(user), provider.token(teamsClaims()));

      assert.equal(answer.status, 200);
      assert.equal((await repositories.contacts.get(user.aadObjectId))?.name, user.name);
      const attempts = provider.attempts;
      assert.equal((await post(botUrl, chatOpenedBy(newcomer()), provider.token(teamsClaims()))).status, 200);
      assert.equal(provider.attempts, attempts, 'the keys are not fetched again');
      assertNothingPrinted();
    });
  });
});
