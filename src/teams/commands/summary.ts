import { summarizeRound } from '../../domain/use-cases/summarize-round';
import { DomainError } from '../../domain/errors';
import { noticeCard, summaryCard, type AdaptiveCard } from '../cards';
import { TEXTS } from '../texts';
import { text } from '../actions/card-data';
import { replyWithCard } from '../reply';
import type { CardAction, Command, Turn } from '../turn';

async function summary(turn: Turn, about: string | undefined, page: number): Promise<AdaptiveCard> {
  const { repositories, mayReadAll } = turn.services;
  const result = await summarizeRound({ by: turn.person, about, page }, { ...repositories, mayReadAll });
  return summaryCard(turn.language, result);
}

/** `samenvatting`, `samenvatting 4.2.3`, `samenvatting kwaliteit` (and in English: summary …). */
export const summaryCommand: Command = {
  name: 'summary',
  patterns: [/^(?:samenvatting|summary|overzicht|overview)(?: (.{1,100}))?$/],
  async handle(turn, match) {
    await replyWithCard(turn.context, await summary(turn, match[1], 1));
  },
};

/** The summary card's Vorige / Volgende: the same summary, another page, in place. */
export const summaryPageAction: CardAction = {
  verb: 'summaryPage',
  async handle(turn, data) {
    const page = Number(text(data, 'page'));
    try {
      return await summary(turn, text(data, 'about') || undefined, Number.isInteger(page) ? page : 1);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const t = TEXTS[turn.language];
      return noticeCard({ title: t.refusedTitle, text: error.messageFor(turn.language), tone: 'attention' });
    }
  },
};
