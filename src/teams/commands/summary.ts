import { roundNamedIn } from '../../domain/model';
import { RoundNotFound, type AskedRound } from '../../domain/use-cases/choose-round';
import { summarizeRound } from '../../domain/use-cases/summarize-round';
import { readerOf } from '../../domain/use-cases/reader-scope';
import { isProjectNumber, summarizeProject } from '../../domain/use-cases/summarize-project';
import { DomainError } from '../../domain/errors';
import { noticeCard, projectSummaryCard, roundNotFoundCard, summaryCard, type AdaptiveCard } from '../cards';
import { TEXTS } from '../texts';
import { roundOf, text } from '../actions/card-data';
import type { CardAction, Command, Turn } from '../turn';
import { answeringUnknownRound } from './round-choice';
import { sendProjectCard } from './fill-in';

/**
 * A project number: that project over every round; otherwise the round named (or else the current
 * one), or one speerpunt of it.
 */
async function summary(
  turn: Turn,
  asked: { readonly round?: AskedRound; readonly about?: string },
  page: number,
): Promise<AdaptiveCard> {
  const { deps } = turn.services;
  const { round, about } = asked;
  if (about !== undefined && isProjectNumber(about)) {
    return projectSummaryCard(
      turn.language,
      await summarizeProject({ by: turn.person, number: about, page }, deps),
    );
  }
  const roundSummary = await summarizeRound({ by: turn.person, round, about, page }, deps);
  const reader = await readerOf(turn.person, deps);
  const sheet = turn.services.answerSheetLink(
    roundSummary.round.id,
    reader.scope === 'all'
      ? { scope: 'all' }
      : {
          scope: 'own',
          id: reader.person.id,
          ...(reader.person.email ? { email: reader.person.email } : {}),
        },
  );
  return summaryCard(turn.language, roundSummary, sheet.url);
}

/**
 * `samenvatting`, `samenvatting 4.2.3`, `samenvatting kwaliteit`, `samenvatting jaarverslag 2021`,
 * `samenvatting jaarverslag 2021 kwaliteit` (and in English: summary …).
 */
export const summaryCommand: Command = {
  name: 'summary',
  patterns: [/^(?:samenvatting|summary|overzicht|overview)(?: (.{1,100}))?$/],
  async handle(turn, match) {
    const { round, rest } = roundNamedIn(match[1] ?? '');
    await answeringUnknownRound(turn, 'summary', async () => {
      await turn.reply(await summary(turn, { round, about: rest || undefined }, 1));
    });
  },
};

/** Vorige / Volgende on either summary card: the same summary, of the same round, another page, in place. */
export const summaryPageAction: CardAction = {
  verb: 'summaryPage',
  async handle(turn, data) {
    // The card binds the page as a number; a string is accepted too.
    const page = Number(data['page'] ?? 1);
    const round = roundOf(data);
    const about = text(data, 'about');
    try {
      return await summary(turn, { round, about: about || undefined }, Number.isInteger(page) ? page : 1);
    } catch (error) {
      if (error instanceof RoundNotFound) return roundNotFoundCard(turn.language, error, 'summary');
      if (!(error instanceof DomainError)) throw error;
      const t = TEXTS[turn.language];
      return noticeCard({ title: t.refusedTitle, text: error.messageFor(turn.language), tone: 'attention' });
    }
  },
};

/** "Invullen" under a round on a project's summary: that project's card below; the summary stays. */
export const summaryFillInAction: CardAction = {
  verb: 'summaryFillIn',
  async handle(turn, data) {
    await sendProjectCard(turn, text(data, 'roundId'), text(data, 'projectId'));
    const page = Number(data['page'] ?? 1);
    return summary(turn, { about: text(data, 'about') }, Number.isInteger(page) ? page : 1);
  },
};
