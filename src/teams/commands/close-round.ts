import { closeRound } from '../../domain/use-cases/close-round';
import { noticeCard, usageCard } from '../cards';
import { coordinatorCandidate } from '../identity';
import { TEXTS, examplesOn, roundName } from '../texts';
import type { Command } from '../turn';

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
    const { repositories, clock, isCoordinator } = turn.services;
    const by = await coordinatorCandidate(turn);
    const round = await closeRound({ kind, year, by }, { rounds: repositories.rounds, clock, isCoordinator });
    turn.services.log.info({ round: round.id }, 'round closed');
    await turn.reply(
      noticeCard({
        title: t.roundClosedTitle(roundName(turn.language, round.kind, round.year)),
        text: t.roundClosedText,
        tone: 'good',
      }),
    );
  },
};
