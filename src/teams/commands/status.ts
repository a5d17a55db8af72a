import { roundStatus } from '../../domain/use-cases/round-status';
import { roundStatusCard } from '../cards';
import { coordinatorCandidate } from '../identity';
import type { Command } from '../turn';
import { ROUND_WORDS, answeringUnknownRound, askedRoundIn } from './round-choice';

/** `status` (the current round) or `status jaarverslag 2021` (that round, open or closed). */
export const statusCommand: Command = {
  name: 'status',
  patterns: [new RegExp(`^(?:status|voortgang|progress)(?: ${ROUND_WORDS})?$`)],
  async handle(turn, match) {
    const by = await coordinatorCandidate(turn);
    await answeringUnknownRound(turn, 'status', async () => {
      const status = await roundStatus({ by, round: askedRoundIn(match[1]) }, turn.services.deps);
      await turn.reply(roundStatusCard(turn.language, status));
    });
  },
};
