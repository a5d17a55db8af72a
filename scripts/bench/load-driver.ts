import { logger } from '../../src/logger';
import {
  KINDS,
  MESSAGE_KINDS,
  MIX,
  TEAMS_TIMEOUT_MS,
  type Kind,
  type KindFigures,
  type LoadDriverInput,
  type LoadDriverResult,
} from './load-mix';
import { answerProblem, MixRequests } from './mix-requests';

class KindStats {
  readonly latencies: number[] = [];

  constructor(private readonly timeoutMs: number) {}

  errors = 0;
  readonly samples: string[] = [];

  fail(reason: string): void {
    this.errors += 1;
    if (this.samples.length < 5) this.samples.push(reason);
  }

  figures(): KindFigures {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0;
    return {
      count: sorted.length,
      errors: this.errors,
      p50Ms: round(at(0.5)),
      p99Ms: round(at(0.99)),
      maxMs: round(sorted[sorted.length - 1] ?? 0),
      overTeamsTimeout: sorted.filter((latency) => latency > this.timeoutMs).length,
      samples: this.samples,
    };
  }
}

/**
 * The load of `npm run bench:load`, in a process of its own so that its work does not share the
 * bot's event loop or heap: `concurrency` workers send, each as soon as its previous request was
 * answered, for `seconds` seconds, the mix of load-mix.ts as Teams would, from the seeded owners and
 * coordinators. Latency is measured per request, from sending to the complete answer; an error
 * is a request that failed, any answer other than 2xx, and an invoke whose card says it failed
 * or was refused (a submit must come back stored). Replies to messages go to the connector,
 * which checks them. Takes its input over IPC, answers with its result, and exits.
 */
async function run(input: LoadDriverInput): Promise<LoadDriverResult> {
  const mix = new MixRequests(input);
  const stats = new Map(
    KINDS.map((kind) => [
      kind,
      new KindStats(MESSAGE_KINDS.includes(kind) ? TEAMS_TIMEOUT_MS.message : TEAMS_TIMEOUT_MS.invoke),
    ]),
  );
  const answeredAtMs: number[] = [];

  const request = async (kind: Kind): Promise<void> => {
    const sent = mix.build(kind);
    const stat = stats.get(kind) as KindStats;
    const started = performance.now();
    let error: string | undefined;
    try {
      const response = await fetch(`${input.botUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sent.body),
      });
      error = answerProblem(kind, response.status, await response.text());
    } catch (caught) {
      error = `request failed: ${caught instanceof Error ? caught.message : String(caught)}`;
    }
    const finished = performance.now();
    stat.latencies.push(finished - started);
    answeredAtMs.push(round(finished - runStarted));
    if (error !== undefined) stat.fail(error);
    mix.settle(sent, error === undefined);
  };

  const startedAt = Date.now();
  const runStarted = performance.now();
  const deadline = runStarted + input.seconds * 1000;
  let lastAnswer = runStarted;
  await Promise.all(
    Array.from({ length: input.concurrency }, async () => {
      while (performance.now() < deadline) {
        await request(mix.kindOf(MIX));
        lastAnswer = Math.max(lastAnswer, performance.now());
      }
    }),
  );
  return {
    startedAt,
    seconds: round((lastAnswer - runStarted) / 1000),
    kinds: Object.fromEntries(
      KINDS.map((kind) => [kind, (stats.get(kind) as KindStats).figures()]),
    ) as Record<Kind, KindFigures>,
    answeredAtMs,
    versionsMin: mix.versionRange()[0],
    versionsMax: mix.versionRange()[1],
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

process.once('disconnect', () => process.exit(1));
process.once('message', (input: LoadDriverInput) => {
  run(input).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      logger.child({ module: 'bench:load' }).fatal({ err: error }, 'the load of bench:load failed');
      process.exit(1);
    },
  );
});
