import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter, once } from 'node:events';

export interface RecordedActivity {
  readonly conversationId: string;
  readonly replyToId?: string;
  readonly activity: {
    type?: string;
    text?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
  } & Record<string, unknown>;
}

export interface Member {
  readonly id: string;
  readonly aadObjectId: string;
  readonly name: string;
  readonly userPrincipalName?: string;
  readonly email?: string;
}

/**
 * Stands in for Teams' connector service on 127.0.0.1: it records every activity the bot sends
 * (replies and proactive messages alike) and answers roster look-ups for the members it knows.
 */
export class RecordingConnector {
  readonly activities: RecordedActivity[] = [];
  /** Cards updated in place (PUT), in order. */
  readonly updates: RecordedActivity[] = [];
  private readonly members = new Map<string, Member>();
  private readonly rosters = new Map<string, { members: Member[]; maxPageSize: number }>();
  /** 1:1 chats the bot started (POST /v3/conversations), in order. */
  readonly startedChats: { readonly conversationId: string; readonly parameters: Record<string, unknown> }[] =
    [];
  /** Roster pages served, with the page size asked for. */
  readonly rosterPages: { readonly conversationId: string; readonly pageSize: number }[] = [];
  private readonly failures = new Map<string, number>();
  private readonly lost = new Set<string>();
  private readonly throttles = new Map<
    string,
    { times: number; retryAfterSeconds: number | undefined; status: number }
  >();
  /** Every POST of an activity, refused ones included, per conversation. */
  readonly attempts = new Map<string, number>();
  private readonly events = new EventEmitter();
  private server?: Server;
  private inFlight = 0;
  url = '';

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      this.inFlight++;
      void this.handle(req)
        .then(
          ({ status, body, headers }) => {
            res.writeHead(status, { 'content-type': 'application/json', ...headers });
            res.end(JSON.stringify(body));
          },
          () => {
            res.writeHead(400);
            res.end();
          },
        )
        .finally(() => {
          if (--this.inFlight === 0) this.events.emit('idle');
        });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }

  addMember(member: Member): void {
    this.members.set(member.id, member);
  }

  /**
   * A team (or group chat) and its members, served page by page as Teams does: never more than
   * asked for, and never more than `maxPageSize` (Teams, too, may send fewer than asked).
   */
  addRoster(conversationId: string, members: readonly Member[], maxPageSize = 500): void {
    for (const member of members) this.addMember(member);
    this.rosters.set(conversationId, { members: [...members], maxPageSize });
  }

  /** From now on, answers every send into this conversation with `status` (403: bot blocked; 0: normal again). */
  failConversation(conversationId: string, status: number): void {
    if (status === 0) this.failures.delete(conversationId);
    else this.failures.set(conversationId, status);
  }

  /**
   * Forgets an activity, as a retention policy or a restart of the Playground does: updating it
   * in place is answered 404, while new sends into its conversation still arrive.
   */
  loseActivity(activityId: string): void {
    this.lost.add(activityId);
  }

  /** Answers the next `times` sends into this conversation with 429 and a Retry-After. */
  throttleNext(conversationId: string, times: number, retryAfterSeconds: number): void {
    this.throttles.set(conversationId, { times, retryAfterSeconds, status: 429 });
  }

  /** Answers the next `times` sends into this conversation with `status` (a 5xx), without Retry-After. */
  failNext(conversationId: string, times: number, status: number): void {
    this.throttles.set(conversationId, { times, retryAfterSeconds: undefined, status });
  }

  clear(): void {
    this.activities.length = 0;
    this.updates.length = 0;
  }

  /** Cards (Adaptive Card content) sent so far, in order. */
  cards(): Record<string, unknown>[] {
    return this.activities.flatMap((recorded) =>
      (recorded.activity.attachments ?? [])
        .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')
        .map((attachment) => attachment.content),
    );
  }

  /** Resolves once `count` activities have arrived; event-driven, with a deadline. */
  async waitForActivities(count: number, timeoutMs = 5000): Promise<RecordedActivity[]> {
    const deadline = AbortSignal.timeout(timeoutMs);
    while (this.activities.length < count) {
      try {
        await once(this.events, 'activity', { signal: deadline });
      } catch {
        throw new Error(`expected ${count} activities at the connector, got ${this.activities.length}`);
      }
    }
    return this.activities.slice(0, count);
  }

  /** Resolves with the first activity that arrived and matches; event-driven, with a deadline. */
  async waitFor(
    matches: (recorded: RecordedActivity) => boolean,
    timeoutMs = 5000,
  ): Promise<RecordedActivity> {
    const deadline = AbortSignal.timeout(timeoutMs);
    for (;;) {
      const found = this.activities.find(matches);
      if (found) return found;
      try {
        await once(this.events, 'activity', { signal: deadline });
      } catch {
        throw new Error(`no matching activity at the connector among ${this.activities.length}`);
      }
    }
  }

  /** Resolves when no request is being handled, e.g. after a client died mid-request. */
  async idle(): Promise<void> {
    if (this.inFlight > 0) await once(this.events, 'idle');
  }

  /** Resolves once `count` cards have been updated in place. */
  async waitForUpdates(count: number, timeoutMs = 5000): Promise<RecordedActivity[]> {
    const deadline = AbortSignal.timeout(timeoutMs);
    while (this.updates.length < count) {
      try {
        await once(this.events, 'activity', { signal: deadline });
      } catch {
        throw new Error(`expected ${count} updated cards at the connector, got ${this.updates.length}`);
      }
    }
    return this.updates.slice(0, count);
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const path = new URL(req.url ?? '/', this.url).pathname;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const activityPath = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    const conversationId = decodeURIComponent(activityPath?.[1] ?? '');
    if (req.method === 'POST' && activityPath) {
      this.attempts.set(conversationId, (this.attempts.get(conversationId) ?? 0) + 1);
    }
    const throttle = this.throttles.get(conversationId);
    if (req.method === 'POST' && activityPath && throttle && throttle.times > 0) {
      throttle.times--;
      return {
        status: throttle.status,
        body: { error: { code: throttle.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable' } },
        headers:
          throttle.retryAfterSeconds === undefined
            ? {}
            : { 'retry-after': String(throttle.retryAfterSeconds) },
      };
    }
    const failure = activityPath && this.failures.get(conversationId);
    if (req.method === 'POST' && failure) {
      return { status: failure, body: { error: { code: 'BotDisabledByAdmin', message: 'refused' } } };
    }
    if (req.method === 'POST' && activityPath) {
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedActivity['activity'];
      this.activities.push({
        conversationId: decodeURIComponent(activityPath[1] ?? ''),
        replyToId: activityPath[2] && decodeURIComponent(activityPath[2]),
        activity,
      });
      this.events.emit('activity');
      return { status: 200, body: { id: `activity-${this.activities.length}` } };
    }
    if (req.method === 'PUT' && activityPath?.[2] && this.lost.has(decodeURIComponent(activityPath[2]))) {
      return { status: 404, body: { error: { code: 'ActivityNotFoundInConversation', message: 'gone' } } };
    }
    if (req.method === 'PUT' && activityPath?.[2]) {
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedActivity['activity'];
      this.updates.push({ conversationId, replyToId: decodeURIComponent(activityPath[2]), activity });
      this.events.emit('activity');
      return { status: 200, body: { id: activityPath[2] } };
    }
    if (req.method === 'POST' && path === '/v3/conversations') {
      const parameters = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      const members = (parameters['members'] ?? []) as { id?: string }[];
      const conversationId = `a:started-${members.map((member) => member.id ?? '').join('+')}`;
      if (this.failures.get(conversationId)) {
        return { status: this.failures.get(conversationId) ?? 403, body: { error: { code: 'Forbidden' } } };
      }
      this.startedChats.push({ conversationId, parameters });
      this.events.emit('activity');
      return { status: 201, body: { id: conversationId } };
    }
    const pagedPath = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(path);
    if (req.method === 'GET' && pagedPath) {
      const conversation = decodeURIComponent(pagedPath[1] ?? '');
      const roster = this.rosters.get(conversation);
      if (!roster) return { status: 404, body: { error: { code: 'ConversationNotFound' } } };
      const query = new URL(req.url ?? '/', this.url).searchParams;
      const pageSize = Number(query.get('pageSize') ?? 200);
      const from = Number(query.get('continuationToken') ?? 0);
      this.rosterPages.push({ conversationId: conversation, pageSize });
      const next = from + Math.min(pageSize, roster.maxPageSize);
      return {
        status: 200,
        body: {
          members: roster.members.slice(from, next),
          ...(next < roster.members.length ? { continuationToken: String(next) } : {}),
        },
      };
    }
    const memberPath = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && memberPath) {
      const member = this.members.get(decodeURIComponent(memberPath[2] ?? ''));
      return member
        ? { status: 200, body: member }
        : { status: 404, body: { error: { code: 'MemberNotFound' } } };
    }
    return { status: 404, body: {} };
  }
}
