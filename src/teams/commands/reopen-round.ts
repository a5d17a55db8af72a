import { DomainError, RoundStateError } from '../../domain/errors';
import { parseRoundId } from '../../domain/model';
import { reopenRound } from '../../domain/use-cases/reopen-round';
import { noticeCard, roundReopenedCard, roundStateCard, usageCard } from '../cards';
import { coordinatorCandidate } from '../identity';
import { examplesOn, roundName, roundPhrase, TEXTS } from '../texts';
import type { Command } from '../turn';

/**
 * `ronde heropen voortgangsrapportage 2021 tot 15-7-2021`: a closed round opens again with a new
 * deadline; the owners still without an answer are reminded by the scheduler.
 */
export const reopenRoundCommand: Command = {
  name: 'reopen-round',
  patterns: [
    // The deadline may be several words (19 december 2026), as in `ronde open`.
    /^(?:ronde|round) (?:heropen|heropenen|reopen) (\S+) (\S+) (?:tot|t\/m|until|to|by|deadline) (.+)$/,
    /^(?:ronde|round) (?:heropen|heropenen|reopen)\b.*$/,
  ],
  async handle(turn, match) {
    const t = TEXTS[turn.language];
    const [, kind, year, deadline] = match;
    if (kind === undefined || year === undefined || deadline === undefined) {
      const hint = t.reopenUsage(examplesOn(turn.language, turn.services.clock.now()));
      await turn.reply(usageCard(turn.language, 'reopenRound', hint));
      return;
    }
    const { deps, clock, log } = turn.services;
    const by = await coordinatorCandidate(turn);
    try {
      const reopened = await reopenRound({ kind, year, deadline, by }, deps);
      turn.services.sendDueMessages();
      log.info({ round: reopened.round.id, waiting: reopened.waiting }, 'round reopened');
      await turn.reply(roundReopenedCard(turn.language, reopened, clock.now()));
    } catch (error) {
      if (error instanceof RoundStateError) {
        await turn.reply(roundStateCard(turn.language, error.round, 'reopen'));
        return;
      }
      const typed = parseRoundId(`${kind}-${year}`);
      if (!(error instanceof DomainError && error.code === 'ROUND_NOT_FOUND' && typed)) throw error;
      const words = {
        name: roundName(turn.language, typed.kind, typed.year),
        phrase: roundPhrase(turn.language, typed.kind, typed.year),
        ...typed,
      };
      await turn.reply(
        noticeCard({ title: t.refusedTitle, text: t.nothingToReopen(words, deadline), tone: 'attention' }),
      );
    }
  },
};
