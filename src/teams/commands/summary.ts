import { summarizeRound } from '../../domain/use-cases/summarize-round';
import { isProjectNumber, summarizeProject } from '../../domain/use-cases/summarize-project';
import { DomainError } from '../../domain/errors';
import { noticeCard, projectSummaryCard, summaryCard, type AdaptiveCard } from '../cards';
import { TEXTS } from '../texts';
import { text } from '../actions/card-data';
import type { CardAction, Command, Turn } from '../turn';

/** A project number: that project over every round; otherwise the open round, or one speerpunt of it. */
async function summary(turn: Turn, about: string | undefined, page: number): Promise<AdaptiveCard> {
  const { deps } = turn.services;
  if (about !== undefined && isProjectNumber(about)) {
    return projectSummaryCard(
      turn.language,
      await summarizeProject({ by: turn.person, number: about, page }, deps),
    );
  }
  return summaryCard(turn.language, await summarizeRound({ by: turn.person, about, page }, deps));
}

/** `samenvatting`, `samenvatting 4.2.3`, `samenvatting kwaliteit` (and in English: summary …). */
export const summaryCommand: Command = {
  name: 'summary',
  patterns: [/^(?:samenvatting|summary|overzicht|overview)(?: (.{1,100}))?$/],
  async handle(turn, match) {
    await turn.reply(await summary(turn, match[1], 1));
  },
};

/** Vorige / Volgende on either summary card: the same summary, another page, in place. */
export const summaryPageAction: CardAction = {
  verb: 'summaryPage',
  async handle(turn, data) {
    // The card binds the page as a number; a string is accepted too.
    const page = Number(data['page'] ?? 1);
    try {
      return await summary(turn, text(data, 'about') || undefined, Number.isInteger(page) ? page : 1);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const t = TEXTS[turn.language];
      return noticeCard({ title: t.refusedTitle, text: error.messageFor(turn.language), tone: 'attention' });
    }
  },
};
