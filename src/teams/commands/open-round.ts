import { RoundStateError } from '../../domain/errors';
import { findUnreachableOwners } from '../../domain/use-cases/find-unreachable-owners';
import { openRound, type OpenedRound } from '../../domain/use-cases/open-round';
import { roundOpenedCard, roundStateCard, usageCard } from '../cards';
import { coordinatorCandidate } from '../identity';
import { TEXTS, examplesOn } from '../texts';
import type { Command } from '../turn';

export const openRoundCommand: Command = {
  name: 'open-round',
  patterns: [
    // A date may be several words (19 december 2026, december 19, 2026): each is taken as short
    // as the rest still reads, so "vanaf …" and "met beoordeling" after it stay what they are.
    /^(?:ronde|round) (?:open|openen) (\S+) (\S+) (?:tot|t\/m|until|to|by|deadline) (.+?)(?: (?:vanaf|from) (.+?))?(?: (met|zonder|with|without) (?:beoordeling|review))?$/,
    /^(?:ronde|round) (?:open|openen)\b.*$/,
  ],
  async handle(turn, match) {
    const [, kind, year, deadline, asksFrom, reviewWord] = match;
    // Absent: the default of the round's kind (review for the jaarverslag only).
    const review = reviewWord === undefined ? undefined : reviewWord === 'met' || reviewWord === 'with';
    if (kind === undefined || year === undefined || deadline === undefined) {
      const hint = TEXTS[turn.language].roundUsage(examplesOn(turn.language, turn.services.clock.now()));
      await turn.reply(usageCard(turn.language, 'openRound', hint));
      return;
    }
    const { deps, repositories, clock } = turn.services;
    const by = await coordinatorCandidate(turn);
    let opened: OpenedRound;
    try {
      opened = await openRound({ kind, year, deadline, asksFrom, review, by }, deps);
    } catch (error) {
      if (!(error instanceof RoundStateError)) throw error;
      // It exists: say whether it is open or closed, and how to reopen a closed one.
      await turn.reply(roundStateCard(turn.language, error.round, 'open', deadline));
      return;
    }
    // The cards go out through the scheduler, which claims each one, so that opening a round
    // of thousands of projects answers at once and a crash halfway loses nothing.
    turn.services.sendDueMessages();
    const unreachable = await findUnreachableOwners(opened.requests, repositories.contacts);
    turn.services.log.info(
      { round: opened.round.id, cards: opened.requests.length, unreachable: unreachable.length },
      'round opened',
    );
    await turn.reply(
      roundOpenedCard(turn.language, {
        round: opened.round,
        projects: new Set(opened.requests.map((request) => request.update.id)).size,
        // As an overview, one message per person; else one per project and person.
        cards:
          opened.round.reminderPlan.firstAsk === 'overview'
            ? new Set(opened.requests.map((request) => request.ownerId)).size
            : opened.requests.length,
        unreachable,
        now: clock.now(),
      }),
    );
  },
};
