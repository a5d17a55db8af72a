import { summarizeRound } from '../../domain/use-cases/summarize-round';
import { summaryCard } from '../cards';
import { replyWithCard } from '../reply';
import type { Command } from '../turn';

export const summaryCommand: Command = {
  name: 'summary',
  patterns: [/^(samenvatting|summary|overzicht|overview)$/],
  async handle(turn) {
    const summary = await summarizeRound(turn.services.repositories);
    await replyWithCard(turn.context, summaryCard(turn.language, summary));
  },
};
