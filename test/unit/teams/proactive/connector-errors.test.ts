import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';

import { classifyFailure, type Failure } from '../../../../src/teams/proactive/retry-policy';

const NOW = Date.parse('2026-06-01T08:00:00Z');

interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

interface Pipeline {
  removePolicy(options: { name: string }): unknown[];
}

/**
 * The real CloudAdapter sending to a stand-in connector on 127.0.0.1, so the classifier is checked
 * against what botbuilder really throws rather than against our idea of it.
 */
describe('classifyFailure, on errors from the real botbuilder connector', () => {
  let server: Server;
  let answer: Answer;
  let requests: number;
  let reference: Partial<ConversationReference>;
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));

  before(async () => {
    server = createServer((req, res) => {
      requests++;
      req.resume();
      req.on('end', () => {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body ?? {}));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    reference = {
      channelId: 'msteams',
      serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      conversation: { id: 'a:chat', isGroup: false, conversationType: 'personal', name: '' },
      bot: { id: '28:bot', name: 'bot' },
      user: { id: '29:owner', name: 'owner' },
    };
  });

  after(() => {
    server.closeAllConnections();
    server.close();
  });

  beforeEach(() => {
    requests = 0;
  });

  async function sendAndCatch(options: { withoutBuiltInRetry?: boolean } = {}): Promise<unknown> {
    let caught: unknown;
    await adapter.continueConversationAsync('', reference, async (context: TurnContext) => {
      if (options.withoutBuiltInRetry) builtInPipeline(context).removePolicy({ name: 'defaultRetryPolicy' });
      try {
        await context.sendActivity(MessageFactory.text('status request'));
      } catch (error) {
        caught = error;
      }
    });
    return caught;
  }

  // ServiceClientContext keeps its core-client ServiceClient private; this is the only way to it.
  function builtInPipeline(context: TurnContext): Pipeline {
    const connector = context.turnState.get<unknown>(adapter.ConnectorClientKey) as {
      client: { pipeline: Pipeline };
    };
    return connector.client.pipeline;
  }

  it("calls a chat that blocked the bot 'blocked', keeping Teams' error code", async () => {
    answer = {
      status: 403,
      body: {
        error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' },
      },
    };

    const error = await sendAndCatch();

    assert.deepEqual(classifyFailure(error, NOW), {
      kind: 'permanent',
      reason: 'blocked',
      status: 403,
      code: 'ConversationBlockedByUser',
    } satisfies Failure);
    assert.equal(requests, 1);
  });

  it("calls a conversation that is gone 'not-found'", async () => {
    answer = {
      status: 404,
      body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } },
    };

    const error = await sendAndCatch();

    assert.deepEqual(classifyFailure(error, NOW), {
      kind: 'permanent',
      reason: 'not-found',
      status: 404,
      code: 'ConversationNotFound',
    } satisfies Failure);
  });

  it('reads Retry-After from a throttled send', async () => {
    answer = {
      status: 429,
      headers: { 'Retry-After': '2' },
      body: { error: { code: 'Throttled', message: 'Slow down.' } },
    };

    const error = await sendAndCatch({ withoutBuiltInRetry: true });

    assert.deepEqual(classifyFailure(error, NOW), {
      kind: 'retry',
      reason: 'throttled',
      status: 429,
      code: 'Throttled',
      retryAfterMs: 2_000,
    } satisfies Failure);
    assert.equal(requests, 1);
  });

  it('retries a throttled send three more times on its own, through its default pipeline', async () => {
    answer = {
      status: 429,
      headers: { 'Retry-After': '0' },
      body: { error: { code: 'Throttled', message: 'Slow down.' } },
    };

    await sendAndCatch();

    // Those three extra requests bypass our limiter and multiply our own attempts.
    assert.equal(requests, 4);
  });
});
