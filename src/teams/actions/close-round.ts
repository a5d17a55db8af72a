import { DomainError, RoundStateError } from '../../domain/errors';
import { parseRoundId, roundIdOf } from '../../domain/model';
import { closeRound } from '../../domain/use-cases/close-round';
import { closeCancelledCard, noticeCard, roundClosedCard, roundStateCard } from '../cards';
import { coordinatorCandidate } from '../identity';
import { TEXTS } from '../texts';
import type { CardAction } from '../turn';
import { text } from './card-data';

/**
 * "Sluiten" on the question `ronde sluit` asked: the round closes now, and the card says so in
 * place. Whoever presses is checked again: the button is no proof of being a coordinator.
 */
export const closeRoundAction: CardAction = {
  verb: 'closeRound',
  async handle(turn, data) {
    const t = TEXTS[turn.language];
    const typed = parseRoundId(text(data, 'roundId'));
    if (!typed) return noticeCard({ title: t.unknownCard, tone: 'attention' });
    const openSince = text(data, 'openSince');
    const { repositories, clock, isCoordinator, log } = turn.services;
    try {
      const by = await coordinatorCandidate(turn);
      const round = await closeRound(
        { ...typed, by, ...(openSince ? { openSince } : {}) },
        { rounds: repositories.rounds, clock, isCoordinator },
      );
      log.info({ round: round.id }, 'round closed');
      return roundClosedCard(turn.language, round);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      log.info({ code: error.code, user: turn.person.id }, 'closing the round refused');
      if (error instanceof RoundStateError) return roundStateCard(turn.language, error.round, 'close');
      return noticeCard({ title: t.refusedTitle, text: error.messageFor(turn.language), tone: 'attention' });
    }
  },
};

/** "Niet sluiten": nothing changes; the card says the round stays open (or that it was closed meanwhile). */
export const keepRoundOpenAction: CardAction = {
  verb: 'keepRoundOpen',
  async handle(turn, data) {
    const t = TEXTS[turn.language];
    const typed = parseRoundId(text(data, 'roundId'));
    const round = typed && (await turn.services.repositories.rounds.get(roundIdOf(typed.kind, typed.year)));
    if (!round) return noticeCard({ title: t.unknownCard, tone: 'attention' });
    return round.status === 'closed'
      ? roundStateCard(turn.language, round, 'close')
      : closeCancelledCard(turn.language, round);
  },
};
