import type { ExpectedCompletion } from '../../src/domain/answer';
import {
  projectIdOf,
  roundIdOf,
  type AnswerVersion,
  type Project,
  type ProjectStatus,
  type ReviewDecision,
  type Round,
  type StatusUpdate,
} from '../../src/domain/model';
import { DEFAULT_REMINDER_PLAN } from '../../src/domain/reminder-plan';

const SPEERPUNTEN = ['Kwaliteit', 'Financiën', 'Dienstverlening', 'Duurzaamheid', 'Veiligheid', 'Wonen'];

const WORDS = (
  'de het een en van in op met voor naar door bij over tot uit als dat die dit deze wordt worden is zijn ' +
  'heeft hebben werd waren kan kunnen moet zal zullen gaat komt blijft project afdeling organisatie ' +
  'gemeente colleges bestuur opdrachtgever medewerkers teams planning uitvoering aanbesteding leverancier ' +
  'begroting budget kosten formatie capaciteit inzet resultaat voortgang oplevering fase pilot evaluatie ' +
  'rapportage besluitvorming advies overleg afstemming werkgroep stuurgroep ketenpartners inwoners ' +
  'ondernemers dienstverlening zaakgericht werken archief digitalisering informatiebeveiliging privacy ' +
  'applicatie systeem koppeling migratie implementatie werkproces beleid visie ambitie doelstelling ' +
  'kwartaal maanden jaar voorjaar najaar zomer tweede derde vierde eerste nieuwe bestaande gezamenlijke ' +
  'integrale structurele tijdelijke extra verdere concrete duidelijke belangrijke volledig grotendeels ' +
  'gedeeltelijk inmiddels vooralsnog daarnaast bovendien echter vervolgens tevens hierdoor daarom ' +
  'gerealiseerd afgerond gestart opgepakt uitgewerkt vastgesteld besproken voorgelegd opgeleverd vertraagd'
).split(' ');

const STATUSES: readonly (readonly [ProjectStatus, number])[] = [
  ['op-schema', 0.6],
  ['vertraagd', 0.2],
  ['on-hold', 0.05],
  ['afgerond', 0.12],
  ['gestopt', 0.03],
];

/** A small deterministic generator (mulberry32), so every run seeds the same text. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Writer {
  constructor(private readonly next: () => number) {}

  between(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  sentence(): string {
    const words = Array.from({ length: this.between(8, 22) }, () => this.pick(WORDS));
    if (this.chance(0.15))
      words.splice(this.between(1, words.length - 1), 0, `€ ${this.between(5, 950)}.000`);
    if (this.chance(0.1)) words.splice(this.between(1, words.length - 1), 0, `${this.between(5, 95)}%`);
    if (this.chance(0.05)) words.splice(this.between(1, words.length - 1), 0, '(zie bijlage 2)');
    const text = words.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  }

  /** About `words` words in paragraphs separated by an empty line; now and then a typed list. */
  text(words: number): string {
    const paragraphs: string[] = [];
    let count = 0;
    while (count < words) {
      if (paragraphs.length > 0 && this.chance(0.15)) {
        const items = Array.from({ length: this.between(2, 4) }, () => `- ${this.sentence()}`);
        paragraphs.push(items.join('\n'));
        count += items.join(' ').split(' ').length;
        continue;
      }
      const sentences = Array.from({ length: this.between(2, 5) }, () => this.sentence()).join(' ');
      paragraphs.push(sentences);
      count += sentences.split(' ').length;
    }
    return paragraphs.join('\n\n');
  }

  status(): ProjectStatus {
    let at = this.next();
    for (const [status, share] of STATUSES) {
      at -= share;
      if (at < 0) return status;
    }
    return 'op-schema';
  }
}

export interface RealisticRound {
  readonly round: Round;
  readonly updates: readonly StatusUpdate[];
}

/**
 * A voortgangsrapportage round of `projects` projects in six speerpunten, in scrambled order,
 * as owners fill it in: answers of 150–450 words in paragraphs (some with a typed list, amounts
 * and percentages), a fifth edited once, about a third with an explanation of a deviation and
 * a sixth with a financial note (the footnotes), 3% not answered, and most with last round's
 * answer copied in to start from, which the store returns although the chapter does not print it.
 */
export function realisticRound(
  year: number,
  projects: number,
  options: {
    /**
     * Every answered project with exactly this many versions, each reviewed: the earlier ones
     * sent back with a comment, the last approved (the round has review on). Default: one
     * version, a fifth two, no review.
     */
    readonly versions?: number;
  } = {},
): RealisticRound {
  const write = new Writer(random(year * 7_919 + projects));
  const reviewed = options.versions !== undefined;
  const round: Round = {
    id: roundIdOf('voortgangsrapportage', year),
    kind: 'voortgangsrapportage',
    year,
    deadline: `${year}-07-01`,
    status: 'closed',
    openedAt: `${year}-06-01T08:00:00.000Z`,
    openedBy: 'coordinator',
    reminderPlan: DEFAULT_REMINDER_PLAN,
    closedAt: `${year}-07-02T08:00:00.000Z`,
    closedBy: 'coordinator',
    ...(reviewed ? { review: true } : {}),
  };
  const updates = Array.from({ length: projects }, (_, index): StatusUpdate => {
    const group = index % SPEERPUNTEN.length;
    const inGroup = Math.floor(index / SPEERPUNTEN.length);
    const number = `${group + 1}.${Math.floor(inGroup / 10) + 1}.${(inGroup % 10) + 1}`;
    const owner = `owner-${index % 250}@example.org`;
    const project: Project = {
      id: projectIdOf(year, number),
      year,
      number,
      title: write
        .sentence()
        .slice(0, write.between(30, 90))
        .replace(/[ .]+$/, ''),
      speerpunt: SPEERPUNTEN[group] ?? 'Kwaliteit',
      goal: write.text(write.between(15, 40)),
      activities: write.text(write.between(30, 90)).replace(/\n\n/g, write.chance(0.5) ? '\n' : ' '),
      owners: [owner],
    };
    const versions: AnswerVersion[] = [];
    if (!write.chance(0.03)) {
      const edits = options.versions ?? (write.chance(0.2) ? 2 : 1);
      for (let edit = 0; edit < edits; edit += 1) {
        const status = write.status();
        const deviates = status !== 'op-schema' && status !== 'afgerond';
        const completion: ExpectedCompletion = { quarter: write.pick([1, 2, 3, 4] as const), year: year + 1 };
        versions.push({
          status,
          answer: write.text(write.between(150, 450)),
          ...(deviates || write.chance(0.1) ? { deviation: write.text(write.between(25, 80)) } : {}),
          ...(write.chance(1 / 6) ? { financial: write.text(write.between(15, 50)) } : {}),
          ...(deviates ? { expectedCompletion: completion } : {}),
          answeredAt: `${year}-06-${String(10 + edit * 5 + write.between(0, 4)).padStart(2, '0')}T09:30:00.000Z`,
          answeredBy: owner,
          answeredByName: `Eigenaar ${index % 250}`,
        });
      }
    }
    const decisions: ReviewDecision[] = reviewed
      ? versions.map((version, index) => {
          const last = index === versions.length - 1;
          return {
            version: index + 1,
            decision: last ? 'approved' : 'sentBack',
            ...(last ? {} : { comment: write.sentence() }),
            by: 'reviewer',
            byName: `Beoordelaar ${index % 3}`,
            at: version.answeredAt.replace('T09:30', 'T14:45'),
          };
        })
      : [];
    const approved = reviewed ? versions[versions.length - 1] : undefined;
    return {
      id: project.id,
      roundId: round.id,
      project,
      versions,
      ...(decisions.length > 0 ? { decisions } : {}),
      ...(approved ? { approved: { ...approved, version: versions.length } } : {}),
      ...(write.chance(0.8)
        ? {
            previous: {
              roundId: roundIdOf('jaarverslag', year - 1),
              fields: { status: write.status(), answer: write.text(write.between(80, 250)) },
            },
          }
        : {}),
    };
  });
  return { round, updates: shuffled(updates, write) };
}

function shuffled<T>(items: T[], write: Writer): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = write.between(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
