import { roundStatus } from '../../domain/use-cases/round-status';
import { roundStatusCard } from '../cards';
import { coordinatorCandidate } from '../identity';
import type { Command } from '../turn';

export const statusCommand: Command = {
  name: 'status',
  patterns: [/^(?:status|voortgang|progress)$/],
  async handle(turn) {
    const by = await coordinatorCandidate(turn);
    const status = await roundStatus({ by }, turn.services.deps);
    await turn.reply(roundStatusCard(turn.language, status));
  },
};
