/** A register imported from a sheet, and a register sheet drafted from an earlier report. */
import { roundAfter, type Language } from '../../domain/model';
import { compareProjectNumbers } from '../../domain/natural-order';
import type { RegisterDraft } from '../../domain/report-text';
import { describeProblem, fieldName, type ImportResult } from '../../domain/use-cases/import-register';
import { TEXTS, examplesOn, formatDateTime, roundPhrase } from '../texts';
import { renderCard, type AdaptiveCard } from './render';

/** At most this many lines of projects or problems on a card; the rest are counted. */
const LIST_LINES = 40;

function listed<T>(items: readonly T[], language: Language): { shown: readonly T[]; more: string } {
  const more = items.length - LIST_LINES;
  return { shown: items.slice(0, LIST_LINES), more: more > 0 ? TEXTS[language].importMore(more) : '' };
}

/**
 * A register sheet sent in the chat: what was added and changed, or every row's problem and nothing
 * stored. `now` dates the example of the round to open next, so that it would be accepted as typed.
 */
export function importResultCard(
  language: Language,
  fileName: string,
  result: ImportResult,
  now: Date,
): AdaptiveCard {
  const t = TEXTS[language];
  if (!result.ok) {
    const { shown, more } = listed(result.problems, language);
    return renderCard('import-result', {
      title: t.importFailedTitle(fileName),
      color: 'Attention',
      summary: t.importProblems(result.problems.length),
      lines: shown.map((problem) => ({ label: '', text: describeProblem(problem, language), note: '' })),
      more,
      next: '',
    });
  }
  const lines = [
    ...result.added.map((project) => ({ project, note: t.importAdded })),
    ...result.changed.map((change) => ({
      project: change.project,
      note: t.importChanged(change.fields.map((field) => fieldName(field, language)).join(', ')),
    })),
  ].sort(
    (a, b) => a.project.year - b.project.year || compareProjectNumbers(a.project.number, b.project.number),
  );
  const { shown, more } = listed(lines, language);
  const published = result.published.map((round) => {
    const next = roundAfter(round.kind, round.year);
    return t.importPublished(
      round.added + round.changed + round.unchanged,
      roundPhrase(language, round.kind, round.year),
      roundPhrase(language, next.kind, next.year),
    );
  });
  const first = result.published[0];
  const nextRound = first
    ? roundAfter(first.kind, first.year)
    : { kind: 'voortgangsrapportage' as const, year: Math.max(...lines.map(({ project }) => project.year)) };
  return renderCard('import-result', {
    title: t.importTitle(fileName),
    color: 'Good',
    summary: [
      t.importCounts(result.added.length, result.changed.length, result.unchanged),
      ...published,
      ...(result.answersWithoutRound > 0 ? [t.importWithoutRound(result.answersWithoutRound)] : []),
    ].join(' '),
    lines: shown.map(({ project, note }) => ({
      label: `${project.number} `,
      text: `${project.title} (${project.year}) `,
      note: `— ${note}`,
    })),
    more,
    next:
      lines[0] || first
        ? t.importNext(nextRound.kind, nextRound.year, examplesOn(language, now).deadline)
        : '',
  });
}

/** The projects recognised in an earlier report, and the link to them as a register sheet. */
export function registerDraftCard(
  language: Language,
  draft: RegisterDraft,
  link: { readonly url: string; readonly expiresAt: Date },
): AdaptiveCard {
  const t = TEXTS[language];
  const { shown, more } = listed(draft.projects, language);
  const unplaced = listed(draft.unplaced ?? [], language);
  return renderCard('register-draft', {
    title: t.draftTitle(draft.projects.length, draft.source),
    intro: t.draftIntro,
    lines: shown.map((project) => {
      const missing = (
        [
          ['speerpunt', project.speerpunt],
          ['goal', project.goal],
          ['activities', project.activities],
        ] as const
      )
        .filter(([, value]) => value === '')
        .map(([field]) => fieldName(field, language));
      return {
        label: `${project.number} `,
        text: `${project.title}${project.speerpunt ? ` · ${project.speerpunt}` : ''} `,
        note: missing.length > 0 ? `— ${t.draftMissing(missing.join(', '))}` : '',
        noteColor: 'Attention',
      };
    }),
    more,
    kind: draftKindText(language, draft),
    unplacedTitle: draft.unplaced?.length ? t.draftUnplaced(draft.unplaced.length) : '',
    unplaced: unplaced.shown.map((stretch) => ({
      label: t.draftLines(stretch.from, stretch.to),
      text: stretch.text.length >= 120 ? `${stretch.text} …` : stretch.text,
    })),
    unplacedMore: unplaced.more,
    expires: t.draftExpires(formatDateTime(language, link.expiresAt.toISOString())),
    download: t.draftDownload,
    link: link.url,
  });
}

/** What the report was recognised as, and what the coordinator confirms or fills in on the sheet. */
function draftKindText(language: Language, draft: RegisterDraft): string {
  const t = TEXTS[language];
  if (!draft.kind) return t.draftKindUnknown;
  if (!draft.year) return t.draftKindOnly(draft.kind);
  const next = roundAfter(draft.kind, draft.year);
  const answers = draft.projects.filter((project) => project.answer !== '').length;
  return t.draftKind(
    roundPhrase(language, draft.kind, draft.year),
    roundPhrase(language, next.kind, next.year),
    answers,
  );
}
