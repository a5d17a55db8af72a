import { roundStatus } from '../../domain/use-cases/round-status';
import { roundStatusCard } from '../cards';
import { withEmail } from '../identity';
import { replyWithCard } from '../reply';
import type { Command } from '../turn';

export const statusCommand: Command = {
  name: 'status',
  patterns: [/^(?:status|voortgang|progress)$/],
  async handle(turn) {
    const { repositories, isCoordinator, clock } = turn.services;
    const by = await withEmail(turn, turn.services.coordinatorsByEmail && !isCoordinator(turn.person));
    const status = await roundStatus({ by }, { ...repositories, isCoordinator, clock });
    await replyWithCard(turn.context, roundStatusCard(turn.language, status));
  },
};
