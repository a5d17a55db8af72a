import { TEXTS } from '../../src/teams/texts';
import { failureIn } from './load-connector';
import { MESSAGE_KINDS, teamsActivity, type Kind, type LoadProject, type LoadUser } from './load-mix';

/** What the benches send: the kinds of the load's mix, and a card asking to be shown again. */
export type RequestKind = Kind | 'refresh';

export interface MixInput {
  readonly connectorUrl: string;
  readonly owners: readonly LoadUser[];
  readonly coordinators: readonly LoadUser[];
  readonly projects: readonly LoadProject[];
  /** Pages of the whole round's summary (15 projects a page). */
  readonly summaryPages: number;
}

/** An activity to post to the bot, and the project whose answer it submits, if any. */
export interface MixRequest {
  readonly kind: RequestKind;
  readonly body: Record<string, unknown>;
  readonly submitted?: number;
}

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

/**
 * Builds the requests of the benches that drive the bot as Teams would, from the seeded owners and
 * coordinators: text commands, card submits (each a new answer on the version the sender last
 * saw, on a project nobody else is answering at that moment, so none conflicts), summary pages and
 * card refreshes. Activity ids carry their kind (`load-<kind>-<n>`), so the connector can tell
 * whose reply it counts.
 */
export class MixRequests {
  private readonly next: () => number;
  private sent = 0;
  private readonly versions: number[];
  private readonly answering = new Set<number>();

  constructor(
    private readonly input: MixInput,
    seed = 2026_11_25,
  ) {
    this.next = random(seed);
    this.versions = input.projects.map(() => 0);
  }

  /** A kind drawn from `mix`, shares that add up to 100. */
  kindOf<K extends string>(mix: Readonly<Record<K, number>>): K {
    const kinds = Object.keys(mix) as K[];
    let at = this.next() * 100;
    for (const kind of kinds) {
      at -= mix[kind];
      if (at < 0) return kind;
    }
    return kinds[0] as K;
  }

  build(kind: RequestKind): MixRequest {
    const { owners, coordinators, projects } = this.input;
    const ownerOf = (project: LoadProject) => owners[project.owner] as LoadUser;
    switch (kind) {
      case 'hulp':
        return this.message(kind, this.pick(owners), 'hulp');
      case 'samenvatting':
        return this.message(
          kind,
          this.next() < 2 / 3 ? this.pick(owners) : this.pick(coordinators),
          'samenvatting',
        );
      case 'samenvatting-nr': {
        const project = this.pick(projects);
        return this.message(kind, ownerOf(project), `samenvatting ${project.number}`);
      }
      case 'geschiedenis': {
        const project = this.pick(projects);
        return this.message(kind, ownerOf(project), `geschiedenis ${project.number}`);
      }
      case 'status':
        return this.message(kind, this.pick(coordinators), 'status');
      case 'submit':
        return this.submit(this.freeProject());
      case 'summary-page': {
        const byCoordinator = this.next() < 2 / 3;
        return this.invoke(kind, byCoordinator ? this.pick(coordinators) : this.pick(owners), 'summaryPage', {
          about: '',
          page: byCoordinator ? 1 + Math.floor(this.next() * this.input.summaryPages) : 1,
          language: 'nl',
        });
      }
      case 'refresh': {
        const project = this.pick(projects);
        const { roundId, projectId, language } = project.submitData;
        return this.invoke(
          kind,
          ownerOf(project),
          'refreshStatus',
          { roundId, projectId, language },
          project.askActivityId,
          'automatic',
        );
      }
    }
  }

  /** A new answer to project `index`'s card, by its owner, on the version they last saw. */
  submit(index: number): MixRequest {
    this.answering.add(index);
    const project = this.input.projects[index] as LoadProject;
    const request = this.invoke(
      'submit',
      this.input.owners[project.owner] as LoadUser,
      'submitStatus',
      {
        ...project.submitData,
        baseVersion: String(this.versions[index] ?? 0),
        status: this.pick(STATUSES),
        answer: this.answerText(project.number),
      },
      project.askActivityId,
    );
    return { ...request, submitted: index };
  }

  /** Marks a request answered: a submit that was stored moves its project one version on. */
  settle(request: MixRequest, ok: boolean): void {
    if (request.submitted === undefined) return;
    if (ok) this.versions[request.submitted] = (this.versions[request.submitted] ?? 0) + 1;
    this.answering.delete(request.submitted);
  }

  /** The fewest and the most versions any project has now. */
  versionRange(): readonly [number, number] {
    return [Math.min(...this.versions), Math.max(...this.versions)];
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A project nobody is answering at this moment, so that no submit conflicts with another. */
  private freeProject(): number {
    const count = this.input.projects.length;
    let index = Math.floor(this.next() * count);
    while (this.answering.has(index)) index = (index + 1) % count;
    return index;
  }

  private answerText(number: string): string {
    const words = Array.from({ length: 60 + Math.floor(this.next() * 100) }, () => this.pick(WORDS));
    return `Stand ${this.sent} van ${number}: ${words.join(' ')}.`;
  }

  private activity(kind: RequestKind, user: LoadUser, fields: Record<string, unknown>): MixRequest {
    this.sent += 1;
    return { kind, body: teamsActivity(this.input.connectorUrl, user, `load-${kind}-${this.sent}`, fields) };
  }

  private message(kind: RequestKind, user: LoadUser, text: string): MixRequest {
    return this.activity(kind, user, { type: 'message', text });
  }

  private invoke(
    kind: RequestKind,
    user: LoadUser,
    verb: string,
    data: Record<string, unknown>,
    replyToId?: string,
    trigger: 'manual' | 'automatic' = 'manual',
  ): MixRequest {
    return this.activity(kind, user, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      ...(replyToId === undefined ? {} : { replyToId }),
      value: { action: { type: 'Action.Execute', verb, data }, trigger },
    });
  }
}

/**
 * What is wrong with the bot's HTTP answer to a request, if anything: a status other than 2xx,
 * or an invoke whose card says it failed or was refused (a submit must come back stored).
 * Messages are answered through the connector, which checks their replies.
 */
export function answerProblem(kind: RequestKind, status: number, text: string): string | undefined {
  if (status < 200 || status > 299) return `HTTP ${status}: ${text.slice(0, 200)}`;
  if (MESSAGE_KINDS.includes(kind as Kind)) return undefined;
  const failure = failureIn(text);
  if (failure !== undefined) return `the card says: ${failure}`;
  if (kind === 'submit' && !text.includes(TEXTS.nl.stored)) return 'the card does not say it was stored';
  return undefined;
}
