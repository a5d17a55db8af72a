import { compileReport } from '../../domain/use-cases/compile-report';
import { documentCard } from '../cards';
import { withEmail } from '../identity';
import { replyWithCard } from '../reply';
import type { Command } from '../turn';

/** `voortgangsrapportage 2021` / `jaarverslag 2021` (coordinator): the chapter, as download links. */
export const compileCommand: Command = {
  name: 'compile',
  patterns: [/^(?:compile |stel samen )?(voortgangsrapportage|jaarverslag) (\d{4})$/],
  async handle(turn, match) {
    const { repositories, clock, isCoordinator } = turn.services;
    const by = await withEmail(turn, turn.services.coordinatorsByEmail && !isCoordinator(turn.person));
    const { round, chapter } = await compileReport(
      { kind: match[1] ?? '', year: match[2] ?? '', by },
      { ...repositories, clock, isCoordinator },
    );
    turn.services.log.info(
      { round: round.id, answered: chapter.answered, total: chapter.total },
      'chapter compiled',
    );
    await replyWithCard(
      turn.context,
      documentCard(turn.language, chapter, turn.services.documentLinks(round.id)),
    );
  },
};
