import { answerFacts } from './facts';
/** The summary of a round, a project over its rounds, and a project's history. */
import {
  PROJECT_STATUSES,
  projectIdOf,
  type Language,
  type ProjectStatus,
  type Round,
  type StatusUpdate,
} from '../../domain/model';
import type { ProjectWaiting } from '../../domain/use-cases/cards-to-fill';
import type { RoundSummary } from '../../domain/use-cases/summarize-round';
import type { ProjectInRound, ProjectOverRounds } from '../../domain/use-cases/summarize-project';
import { TEXTS, formatDate, formatDateTime, roundName, roundPhrase, statusTitle } from '../texts';
import { chartsView } from './charts';
import { renderCard, type AdaptiveCard } from './render';
import { otherRoundsLine } from './round-choice';

const STATUS_COLORS: Record<string, string> = {
  'op-schema': 'Good',
  afgerond: 'Good',
  vertraagd: 'Warning',
  'on-hold': 'Warning',
  gestopt: 'Default',
};

/** "Op schema: 2 · Vertraagd: 1": the statuses in the order the card offers them. */
function statusCounts(language: Language, counts: Readonly<Partial<Record<ProjectStatus, number>>>): string {
  return PROJECT_STATUSES.flatMap((status) => {
    const count = counts[status];
    return count ? [`${statusTitle(language, status)}: ${String(count)}`] : [];
  }).join(' · ');
}

export function summaryCard(language: Language, summary: RoundSummary, sheet?: string): AdaptiveCard {
  const t = TEXTS[language];
  const name = roundName(language, summary.round.kind, summary.round.year);
  const counts = statusCounts(language, summary.counts);
  return renderCard('summary', {
    language,
    about: summary.about ?? '',
    // Vorige / Volgende keep the round the person named; without one, the current round.
    round: summary.named ? summary.round.id : '',
    page: summary.page,
    pages: summary.pages,
    charts: chartsView(language, summary.figures),
    // The round's answers as a sheet, with the rows this person may read.
    sheet: sheet ?? '',
    labels: {
      sheet: t.summarySheet,
      title: summary.about ? t.summaryAbout(name, summary.about) : t.summaryTitle(name),
      progress: t.summaryProgress(summary.answered, summary.total),
      deadline: t.summaryDeadline(formatDate(language, summary.round.deadline)),
      counts,
      scope: summary.scope === 'own' ? t.summaryOwn : '',
      round: summary.round.status === 'open' ? otherRoundsLine(language, 'summary', summary) : t.closedRound,
      page: summary.pages > 1 ? t.summaryPage(summary.page, summary.pages) : '',
      previous: t.previous,
      next: t.next,
    },
    projects: summary.projects.map((project) => ({
      number: project.number,
      title: project.title,
      statusTitle:
        statusTitle(language, project.status) +
        (project.review && project.review !== 'open' ? ` · ${t.review.state[project.review]}` : ''),
      statusColor: project.status ? (STATUS_COLORS[project.status] ?? 'Default') : 'Attention',
      firstLine: project.firstLine ?? '',
    })),
  });
}

/**
 * Longest answer and deviation per round on the project summary. With PROJECT_ROUNDS_PAGE_SIZE
 * rounds a page, a page of answers in characters of three UTF-8 bytes each stays under Teams'
 * 28 KB; the full text is one `geschiedenis` or the compiled chapter away.
 */
export const PROJECT_SUMMARY_TEXT = { answer: 1_000, deviation: 300 } as const;

/** `samenvatting <nummer>`: per round, newest first, the status and the latest answer, clipped. */
export function projectSummaryCard(language: Language, summary: ProjectOverRounds): AdaptiveCard {
  const t = TEXTS[language];
  const { project } = summary;
  return renderCard('project-summary', {
    language,
    project: { number: project.number, title: project.title, speerpunt: project.speerpunt },
    page: summary.page,
    pages: summary.pages,
    labels: {
      speerpunt: t.speerpunt,
      subtitle: t.projectSummarySubtitle,
      progress: t.projectSummaryProgress(summary.answered, summary.total),
      counts: statusCounts(language, summary.counts),
      scope: summary.scope === 'own' ? t.projectSummaryOwn : '',
      page: summary.pages > 1 ? t.summaryPage(summary.page, summary.pages) : '',
      previous: t.previous,
      next: t.next,
      fillIn: t.toFillButton,
    },
    rounds: summary.rounds.map((entry) => projectRound(language, project.number, entry)),
  });
}

function projectRound(language: Language, number: string, entry: ProjectInRound) {
  const t = TEXTS[language];
  const { round, latest } = entry;
  const name = roundName(language, round.kind, round.year);
  const answer = clip(latest?.answer ?? '', PROJECT_SUMMARY_TEXT.answer);
  const deviation = clip(latest?.deviation ?? '', PROJECT_SUMMARY_TEXT.deviation);
  const facts = answerFacts(language, latest);
  return {
    roundId: round.id,
    projectId: projectIdOf(round.year, number),
    // "Invullen" where the person may still answer: their card, sent below.
    fillIn: entry.fillable,
    name: t.projectSummaryRound(name, round.status === 'open'),
    statusTitle: latest
      ? statusTitle(language, latest.status) +
        (entry.review && entry.review !== 'open' ? ` · ${t.review.state[entry.review]}` : '')
      : round.status === 'open'
        ? statusTitle(language, undefined)
        : t.noAnswer,
    statusColor: latest ? (STATUS_COLORS[latest.status] ?? 'Default') : 'Attention',
    by: latest
      ? t.answeredBy(
          latest.answeredByName || latest.answeredBy,
          formatDateTime(language, latest.answeredAt),
          entry.versions,
        )
      : '',
    answer: answer.text,
    deviation: deviation.text ? t.deviationPrefix + deviation.text : '',
    facts,
    clipped:
      answer.clipped || deviation.clipped
        ? entry.current
          ? t.clippedCurrent(number)
          : t.clippedOther(roundPhrase(language, round.kind, round.year))
        : '',
  };
}

/** At most `limit` characters, cut at a character (never inside a surrogate pair), with "…". */
function clip(text: string, limit: number): { text: string; clipped: boolean } {
  if (text.length <= limit) return { text, clipped: false };
  let cut = text.slice(0, limit);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return { text: `${cut.trimEnd()}…`, clipped: true };
}

/** Longest answer text per version in the history; the full text is in the report and the card. */
const HISTORY_TEXT = 1_500;

/** `geschiedenis <nr>`: every version, newest first, with who, when and through what. */
export function historyCard(language: Language, round: Round, update: StatusUpdate): AdaptiveCard {
  const t = TEXTS[language];
  const cut = (text: string) => (text.length > HISTORY_TEXT ? `${text.slice(0, HISTORY_TEXT)}…` : text);
  const placed = (words: string | undefined) => (words ? ` (${t.placeAfter(words)})` : '');
  const versions = update.versions
    .map((version, index) => ({
      header: t.historyVersion(index + 1, statusTitle(language, version.status)),
      facts: t.historyFacts(
        version.answeredByName || version.answeredBy,
        formatDateTime(language, version.answeredAt),
        version.viaCard !== undefined,
      ),
      answer: cut(version.answer),
      deviation: version.deviation
        ? t.deviationPrefix + cut(version.deviation) + placed(version.deviationAt)
        : '',
      financial: version.financial
        ? t.financialPrefix + cut(version.financial) + placed(version.financialAt)
        : '',
      // Every review decision on this version: who, when, what, and the comment.
      decisions: (update.decisions ?? [])
        .filter((decision) => decision.version === index + 1)
        .map((decision) => ({
          text: t.historyDecision(
            t.review.decisionWord[decision.decision],
            decision.byName || decision.by,
            formatDateTime(language, decision.at),
            decision.comment ? cut(decision.comment) : '',
          ),
          color: decision.decision === 'approved' ? 'Good' : 'Attention',
        })),
    }))
    .reverse();
  const draft = update.draft;
  return renderCard('history', {
    title: t.historyTitle(`${update.project.number} ${update.project.title}`),
    subtitle: roundName(language, round.kind, round.year),
    empty: t.historyEmpty,
    versions,
    draft: draft ? t.historyDraft(draft.savedByName, formatDateTime(language, draft.savedAt)) : '',
    delegations: (update.delegations ?? []).map((delegation) => ({
      title: delegation.to,
      value: t.historyDelegation(formatDateTime(language, delegation.at)),
    })),
  });
}

/** A bare `invullen`: the person's projects that wait for their answer, a button each. */
export function toFillCard(language: Language, projects: readonly ProjectWaiting[]): AdaptiveCard {
  const t = TEXTS[language];
  const shown = projects.slice(0, TO_FILL_SHOWN);
  return renderCard('to-fill', {
    language,
    title: t.toFillTitle,
    intro: projects.length === 0 ? t.toFillNone : t.toFillIntro(projects.length),
    button: t.toFillButton,
    projects: shown.map(({ round, update }) => ({
      roundId: round.id,
      projectId: update.project.id,
      number: update.project.number,
      title: update.project.title,
      state:
        update.versions.length > 0
          ? t.toFillState.sentBack
          : update.hasDraft
            ? t.toFillState.concept
            : t.toFillState.open,
    })),
    more: projects.length > shown.length ? t.importMore(projects.length - shown.length) : '',
  });
}

/** More than this many projects waiting is rare; the rest is counted, not listed. */
const TO_FILL_SHOWN = 15;
