import fc from 'fast-check';
import { placeIn } from '../../src/domain/answer';
import type { AnswerVersion, Project, Round, RoundKind, StatusUpdate } from '../../src/domain/model';
import { DEFAULT_REMINDER_PLAN } from '../../src/domain/reminder-plan';

/** Plain words, with the ligatures a PDF gives as one character. */
const PLAIN = ['de', 'het', 'project', 'oplevering', 'kwartaal', 'Diemen', 'DUO-organisatie', 'inwoners'];
const LIGATURED = ['ﬁnanciële', 'verantwoordelĳk', 'ﬂexibel', 'ﬁnaal'];
const AMOUNTS = ['€ 40.000', '12,5%'];
/** Characters Markdown would take for markup; in the chapter they are text. */
const MARKUP = [
  '*nadruk*',
  '_onder_',
  '#1',
  '[link](x)',
  '<b>',
  'a|b',
  '~x~',
  '!',
  '{x}',
  '\\',
  '`code`',
  '&#32;',
  '[^3]',
  '**⚠',
];
/**
 * Words that end in a digit. A PDF's text cannot tell "CO2" with footnote 1 from "CO21", so the
 * PDF's round trip leaves them out; Markdown keeps every one.
 */
const DIGITS = ['2023', 'CO2', 'Q3'];

/** A sentence starts with a capital; a ligature stays as it is ("ﬁ" has no one-letter capital). */
const capitalised = (text: string) =>
  text.replace(/^(?:ﬁ|ﬂ|[a-z])/, (first) => ({ ﬁ: 'Fi', ﬂ: 'Fl' })[first] ?? first.toUpperCase());

export interface GeneratedRound {
  readonly kind: RoundKind;
  readonly projects: readonly { readonly project: Project; readonly version: AnswerVersion }[];
}

/**
 * Rounds of one to five answered projects with awkward text: long titles, numbers at one level
 * and at several, paragraphs and numbered lists, markup characters and ligatures, and a
 * deviation and a financial note at random words (or at the end). `forPdf` keeps to what a PDF's
 * text can carry: no word ends in a digit, and a note follows a word that ends in a letter or a
 * full stop.
 */
export function generatedRounds(forPdf: boolean): fc.Arbitrary<GeneratedRound> {
  const word = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...PLAIN) },
    { weight: 2, arbitrary: fc.constantFrom(...LIGATURED, ...AMOUNTS, ...(forPdf ? [] : DIGITS)) },
    { weight: 2, arbitrary: fc.constantFrom(...MARKUP) },
  );
  const sentence = fc
    .array(word, { minLength: 1, maxLength: 12 })
    .map((words) => capitalised(`${words.join(' ')}.`));
  const line = fc.oneof(
    fc.array(sentence, { minLength: 1, maxLength: 3 }).map((sentences) => sentences.join(' ')),
    fc.tuple(fc.integer({ min: 1, max: 9 }), sentence).map(([n, text]) => `${n}. ${text}`),
  );
  const ownerText = fc
    .array(fc.tuple(line, fc.constantFrom('\n', '\n\n')), { minLength: 1, maxLength: 5 })
    .map((parts) => parts.map(([text, to], index) => (index < parts.length - 1 ? text + to : text)).join(''));
  const note = fc.option(fc.tuple(sentence, fc.nat()), { nil: undefined });
  return fc.record({
    kind: fc.constantFrom<RoundKind>('jaarverslag', 'voortgangsrapportage'),
    projects: fc
      .uniqueArray(
        fc.record({
          number: fc.oneof(
            fc.integer({ min: 1, max: 40 }).map(String),
            fc
              .array(fc.integer({ min: 1, max: 12 }), { minLength: 2, maxLength: 3 })
              .map((parts) => parts.join('.')),
          ),
          title: fc
            .array(fc.constantFrom(...PLAIN, ...LIGATURED), { minLength: 1, maxLength: 20 })
            .map((words) => capitalised(words.join(' '))),
          speerpunt: fc.constantFrom('Kwaliteit', 'Financiën', 'Dienstverlening & zorg'),
          goal: ownerText,
          activities: ownerText,
          answer: ownerText,
          deviation: note,
          financial: note,
        }),
        { minLength: 1, maxLength: 5, selector: (project) => project.number },
      )
      .map((projects) =>
        projects.map((p) => {
          const project: Project = {
            id: `2022:${p.number}`,
            year: 2022,
            number: p.number,
            title: p.title,
            speerpunt: p.speerpunt,
            goal: p.goal,
            activities: p.activities,
            owners: ['owner'],
          };
          /** Up to two words of the answer that end where a word ends, or none (the end). */
          const at = (pick: number): string => {
            const words = p.answer.split(/\s+/);
            const from = pick % (words.length + 1);
            const place = words.slice(Math.max(0, from - 2), from).join(' ');
            const end = place === '' ? undefined : placeIn(p.answer, place);
            const endsWord = end !== undefined && /^(?:\s|$)/.test(p.answer.slice(end));
            // In a PDF a reference after a digit or a sign reads as part of it ("40.0001").
            return endsWord && (!forPdf || (/[\p{L}.!?]$/u.test(place) && !/(?:^|\s)\d+\.$/.test(place)))
              ? place
              : '';
          };
          const version: AnswerVersion = {
            status: 'op-schema',
            answer: p.answer,
            answeredAt: '2023-01-10T10:00:00.000Z',
            answeredBy: 'owner',
            answeredByName: 'Eigenaar',
            ...(p.deviation ? { deviation: p.deviation[0], deviationAt: at(p.deviation[1]) } : {}),
            ...(p.financial ? { financial: p.financial[0], financialAt: at(p.financial[1]) } : {}),
          };
          return { project, version };
        }),
      ),
  });
}

/** The round and its status updates, ready to compile. */
export function roundOf({ kind, projects }: GeneratedRound): { round: Round; updates: StatusUpdate[] } {
  const round: Round = {
    id: `${kind}-2022`,
    kind,
    year: 2022,
    deadline: '2023-01-31',
    status: 'closed',
    openedAt: '2023-01-01T08:00:00.000Z',
    openedBy: 'coordinator',
    reminderPlan: DEFAULT_REMINDER_PLAN,
  };
  const updates = projects.map(({ project, version }) => ({
    id: project.id,
    roundId: round.id,
    project,
    versions: [version],
  }));
  return { round, updates };
}

/** The notes of an answer as the chapter places them: text and position, in reading order. */
export function placedNotes(version: AnswerVersion): { text: string; position: number }[] {
  return [
    { text: version.deviation, at: version.deviationAt },
    { text: version.financial, at: version.financialAt },
  ]
    .filter((n): n is { text: string; at: string | undefined } => Boolean(n.text))
    .map((n, order) => ({
      text: n.text,
      order,
      position: (n.at ? placeIn(version.answer, n.at) : undefined) ?? version.answer.length,
    }))
    .sort((a, b) => a.position - b.position || a.order - b.order)
    .map(({ text, position }) => ({ text, position }));
}
