import assert from 'node:assert/strict';
import fc from 'fast-check';
import { placeIn } from '../../../src/domain/answer';
import { compileChapter } from '../../../src/domain/chapter';
import type { AnswerVersion, Project, Round, RoundKind, StatusUpdate } from '../../../src/domain/model';
import { DEFAULT_REMINDER_PLAN } from '../../../src/domain/reminder-plan';
import { readPublishedReport } from '../../../src/domain/report-markdown';
import { renderMarkdown } from '../../../src/report/markdown';

/** Words a report is made of, with every character Markdown could take for markup. */
const word = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('de', 'het', 'project', 'oplevering', 'kwartaal', 'Diemen', 'DUO-organisatie'),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom('ﬁnanciële', 'verantwoordelĳk', 'ﬂexibel', '€ 40.000', '2023', 'CO2', 'Q3'),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
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
    ),
  },
);
const sentence = fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => `${words.join(' ')}.`);
/** A line: a sentence or two, or a numbered list item. */
const line = fc.oneof(
  fc.array(sentence, { minLength: 1, maxLength: 2 }).map((sentences) => sentences.join(' ')),
  fc.tuple(fc.integer({ min: 1, max: 9 }), sentence).map(([n, text]) => `${n}. ${text}`),
);
/** Owner text: lines joined by line breaks and paragraph breaks, as typed. */
const ownerText = fc
  .array(fc.tuple(line, fc.constantFrom('\n', '\n\n')), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.map(([text, to], index) => (index < parts.length - 1 ? text + to : text)).join(''));

interface Generated {
  readonly kind: RoundKind;
  readonly projects: readonly {
    readonly project: Project;
    readonly version: AnswerVersion;
  }[];
}

const note = fc.option(fc.tuple(sentence, fc.nat()), { nil: undefined });
const generated: fc.Arbitrary<Generated> = fc.record({
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
        title: fc.array(word, { minLength: 1, maxLength: 20 }).map((words) => words.join(' ')),
        speerpunt: fc.constantFrom('Kwaliteit', 'Financiën', 'Dienstverlening & *zorg*'),
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
        /** A place: some words of the answer, or none (the end). */
        const at = (pick: number): string => {
          const words = p.answer.split(/\s+/);
          const from = pick % (words.length + 1);
          return words.slice(Math.max(0, from - 2), from).join(' ');
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

/** The notes of an answer as the chapter places them: text and position, in reading order. */
function placedNotes(version: AnswerVersion): { text: string; position: number }[] {
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

describe('a compiled chapter read back', () => {
  it('gives the same projects, answers and footnote places from the Markdown (200 generated rounds)', () => {
    fc.assert(
      fc.property(generated, ({ kind, projects }) => {
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
        const updates: StatusUpdate[] = projects.map(({ project, version }) => ({
          id: project.id,
          roundId: round.id,
          project,
          versions: [version],
        }));
        const markdown = renderMarkdown(compileChapter(round, updates, '2023-02-01'));

        const report = readPublishedReport(markdown);

        assert.equal(report.kind, kind);
        assert.equal(report.year, 2022);
        assert.deepEqual(report.unplaced, []);
        assert.equal(report.projects.length, projects.length);
        for (const { project, version } of projects) {
          const found = report.projects.find((candidate) => candidate.number === project.number);
          assert.ok(found, `project ${project.number} is read back`);
          assert.deepEqual(
            [found.title, found.speerpunt, found.goal, found.activities, found.answer],
            [project.title, project.speerpunt, project.goal, project.activities, version.answer],
          );
          assert.deepEqual(
            (found.footnotes ?? []).map((n) => ({
              text: n.text,
              position: n.after === '' ? found.answer.length : placeIn(found.answer, n.after),
            })),
            placedNotes(version),
            `the footnotes of ${project.number} come back at their places`,
          );
        }
      }),
      { seed: 20261205, numRuns: 200 },
    );
  });
});
