import { deliverStatusRequests } from '../../domain/use-cases/deliver-status-requests';
import { openRound } from '../../domain/use-cases/open-round';
import { noticeCard, roundOpenedCard } from '../cards';
import { withEmail } from '../identity';
import { replyWithCard } from '../reply';
import { TEXTS } from '../texts';
import type { Command } from '../turn';

export const openRoundCommand: Command = {
  name: 'open-round',
  patterns: [
    /^(?:ronde|round) (?:open|openen) (\S+) (\S+) (?:tot|t\/m|until|to|by|deadline) (\S+)$/,
    /^(?:ronde|round) (?:open|openen)\b.*$/,
  ],
  async handle(turn, match) {
    const [, kind, year, deadline] = match;
    if (kind === undefined || year === undefined || deadline === undefined) {
      await replyWithCard(turn.context, noticeCard({ title: TEXTS[turn.language].roundUsage }));
      return;
    }
    const { repositories, clock, isCoordinator, sender } = turn.services;
    const by = await withEmail(turn, turn.services.coordinatorsByEmail && !isCoordinator(turn.person));
    const opened = await openRound({ kind, year, deadline, by }, { ...repositories, clock, isCoordinator });
    const report = await deliverStatusRequests(opened.requests, { contacts: repositories.contacts, sender });
    turn.services.log.info(
      {
        round: opened.round.id,
        sent: report.sent,
        unreachable: report.unreachable.length,
        failed: report.failed.length,
      },
      'round opened',
    );
    const projects = new Set(opened.requests.map((request) => request.update.id)).size;
    await replyWithCard(turn.context, roundOpenedCard(turn.language, opened.round, projects, report));
  },
};
