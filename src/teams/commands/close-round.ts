import { RoundStateError } from '../../domain/errors';
import { askToCloseRound } from '../../domain/use-cases/close-round';
import { closeQuestionCard, roundStateCard, usageCard } from '../cards';
import { coordinatorCandidate } from '../identity';
import { TEXTS, examplesOn } from '../texts';
import type { Command } from '../turn';

/**
 * `ronde sluit voortgangsrapportage 2021`: asks the coordinator to confirm, with how many answers
 * are in and which are missing; the round closes only on "Sluiten" (actions/close-round.ts).
 */
export const closeRoundCommand: Command = {
  name: 'close-round',
  patterns: [
    /^(?:ronde|round) (?:sluit|sluiten|close) (\S+) (\S+)$/,
    /^(?:ronde|round) (?:sluit|sluiten|close)\b.*$/,
  ],
  async handle(turn, match) {
    const t = TEXTS[turn.language];
    const [, kind, year] = match;
    if (kind === undefined || year === undefined) {
      const hint = t.closeUsage(examplesOn(turn.language, turn.services.clock.now()));
      await turn.reply(usageCard(turn.language, 'closeRound', hint));
      return;
    }
    const by = await coordinatorCandidate(turn);
    try {
      const question = await askToCloseRound({ kind, year, by }, turn.services.deps);
      await turn.reply(closeQuestionCard(turn.language, question));
    } catch (error) {
      if (!(error instanceof RoundStateError)) throw error;
      await turn.reply(roundStateCard(turn.language, error.round, 'close'));
    }
  },
};
