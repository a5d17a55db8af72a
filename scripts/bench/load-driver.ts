import { logger } from '../../src/logger';
import { TEXTS } from '../../src/teams/texts';
import { failureIn } from './load-connector';
import {
  KINDS,
  MESSAGE_KINDS,
  MIX,
  TEAMS_TIMEOUT_MS,
  teamsActivity,
  type Kind,
  type KindFigures,
  type LoadDriverInput,
  type LoadDriverResult,
  type LoadProject,
  type LoadUser,
} from './load-mix';

const WORDS = (
  'de het een en van in op met voor naar door bij over tot uit project afdeling planning uitvoering ' +
  'aanbesteding leverancier begroting budget capaciteit resultaat voortgang oplevering fase pilot ' +
  'evaluatie rapportage besluitvorming overleg werkgroep stuurgroep inwoners dienstverlening archief ' +
  'digitalisering applicatie koppeling migratie implementatie kwartaal gerealiseerd afgerond gestart ' +
  'vastgesteld besproken opgeleverd vertraagd inmiddels vervolgens daarnaast'
).split(' ');
const STATUSES = ['op-schema', 'vertraagd', 'on-hold', 'afgerond', 'gestopt'] as const;

/** mulberry32: the same mix and texts every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  const next = random(2026_11_25);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const stats = new Map(
    KINDS.map((kind) => [
      kind,
      new KindStats(MESSAGE_KINDS.includes(kind) ? TEAMS_TIMEOUT_MS.message : TEAMS_TIMEOUT_MS.invoke),
    ]),
  );
  const versions = input.projects.map(() => 0);
  const answering = new Set<number>();
  const answeredAtMs: number[] = [];
  let sent = 0;

  const kindOf = (): Kind => {
    let at = next() * 100;
    for (const kind of KINDS) {
      at -= MIX[kind];
      if (at < 0) return kind;
    }
    return 'hulp';
  };
  const activity = (kind: Kind, user: LoadUser, fields: Record<string, unknown>) => {
    sent += 1;
    return teamsActivity(input.connectorUrl, user, `load-${kind}-${sent}`, fields);
  };
  const message = (kind: Kind, user: LoadUser, text: string) =>
    activity(kind, user, { type: 'message', text });
  const invoke = (
    kind: Kind,
    user: LoadUser,
    verb: string,
    data: Record<string, unknown>,
    replyToId?: string,
  ) =>
    activity(kind, user, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      ...(replyToId === undefined ? {} : { replyToId }),
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
  const ownerOf = (project: LoadProject) => input.owners[project.owner] as LoadUser;
  const anyProject = () => pick(input.projects);
  /** A project nobody is answering at this moment, so that no submit conflicts with another. */
  const freeProject = (): number => {
    let index = Math.floor(next() * input.projects.length);
    while (answering.has(index)) index = (index + 1) % input.projects.length;
    return index;
  };
  const answerText = (number: string) => {
    const words = Array.from({ length: 60 + Math.floor(next() * 100) }, () => pick(WORDS));
    return `Stand ${sent} van ${number}: ${words.join(' ')}.`;
  };

  const request = async (kind: Kind): Promise<void> => {
    let body: unknown;
    let submitted: number | undefined;
    switch (kind) {
      case 'hulp':
        body = message(kind, pick(input.owners), 'hulp');
        break;
      case 'samenvatting':
        body = message(kind, next() < 2 / 3 ? pick(input.owners) : pick(input.coordinators), 'samenvatting');
        break;
      case 'samenvatting-nr': {
        const project = anyProject();
        body = message(kind, ownerOf(project), `samenvatting ${project.number}`);
        break;
      }
      case 'geschiedenis': {
        const project = anyProject();
        body = message(kind, ownerOf(project), `geschiedenis ${project.number}`);
        break;
      }
      case 'status':
        body = message(kind, pick(input.coordinators), 'status');
        break;
      case 'submit': {
        submitted = freeProject();
        answering.add(submitted);
        const project = input.projects[submitted] as LoadProject;
        body = invoke(
          kind,
          ownerOf(project),
          'submitStatus',
          {
            ...project.submitData,
            baseVersion: String(versions[submitted] ?? 0),
            status: pick(STATUSES),
            answer: answerText(project.number),
          },
          project.askActivityId,
        );
        break;
      }
      case 'summary-page': {
        const byCoordinator = next() < 2 / 3;
        body = invoke(kind, byCoordinator ? pick(input.coordinators) : pick(input.owners), 'summaryPage', {
          about: '',
          page: byCoordinator ? 1 + Math.floor(next() * input.summaryPages) : 1,
          language: 'nl',
        });
        break;
      }
    }
    const stat = stats.get(kind) as KindStats;
    const started = performance.now();
    let error: string | undefined;
    try {
      const response = await fetch(`${input.botUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status < 200 || response.status > 299)
        error = `HTTP ${response.status}: ${text.slice(0, 200)}`;
      else if (!MESSAGE_KINDS.includes(kind)) {
        const failure = failureIn(text);
        if (failure !== undefined) error = `the card says: ${failure}`;
        else if (kind === 'submit' && !text.includes(TEXTS.nl.stored))
          error = 'the card does not say it was stored';
      }
    } catch (caught) {
      error = `request failed: ${caught instanceof Error ? caught.message : String(caught)}`;
    }
    const finished = performance.now();
    stat.latencies.push(finished - started);
    answeredAtMs.push(round(finished - runStarted));
    if (error !== undefined) stat.fail(error);
    if (submitted !== undefined) {
      if (error === undefined) versions[submitted] = (versions[submitted] ?? 0) + 1;
      answering.delete(submitted);
    }
  };

  const startedAt = Date.now();
  const runStarted = performance.now();
  const deadline = runStarted + input.seconds * 1000;
  let lastAnswer = runStarted;
  await Promise.all(
    Array.from({ length: input.concurrency }, async () => {
      while (performance.now() < deadline) {
        await request(kindOf());
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
    versionsMin: Math.min(...versions),
    versionsMax: Math.max(...versions),
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
