import { DomainError } from '../../domain/errors';
import { delegateProject } from '../../domain/use-cases/delegate-project';
import { projectHistory } from '../../domain/use-cases/project-history';
import { ownProjectNumbers } from '../../domain/use-cases/cards-to-fill';
import { historyCard, noticeCard, usageCard, type AdaptiveCard } from '../cards';
import { TEXTS } from '../texts';
import type { Command, Turn } from '../turn';

function answerDeps(turn: Turn) {
  return turn.services.deps;
}

/**
 * How a command with a project number is typed, with the person's own projects in the open
 * rounds: the example names the first of them, the hint lists them all.
 */
async function projectUsage(
  turn: Turn,
  command: 'delegate' | 'history',
  hint: (number: string) => string,
): Promise<AdaptiveCard> {
  const numbers = await ownProjectNumbers({ by: turn.person }, answerDeps(turn));
  return usageCard(turn.language, command, hint(numbers[0] ?? '4.2.3'), numbers);
}

/** `delegeer 4.2.3 aan j.jansen@gemeente.nl` / `delegate 4.2.3 to …` */
export const delegateCommand: Command = {
  name: 'delegate',
  patterns: [/^(?:delegeer|delegate)\s+(\S+)\s+(?:aan|to)\s+(\S+)$/, /^(?:delegeer|delegate)\b/],
  async handle(turn, match) {
    const t = TEXTS[turn.language];
    const [, number, to] = match;
    if (number === undefined || to === undefined) {
      await turn.reply(await projectUsage(turn, 'delegate', t.delegateUsage));
      return;
    }
    let result;
    try {
      result = await delegateProject({ number, to, by: turn.person }, answerDeps(turn));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'DELEGATE_UNKNOWN') throw error;
      turn.services.log.info({ user: turn.person.id }, 'delegation refused: colleague unknown to the bot');
      await turn.reply(
        noticeCard({
          title: t.delegateUnknownTitle(to.toLowerCase()),
          text: error.messageFor(turn.language),
          tone: 'attention',
        }),
      );
      return;
    }
    turn.services.log.info(
      { round: result.round.id, project: result.update.id, added: result.added },
      'delegated',
    );
    if (result.added) turn.services.sendDueMessages();
    const project = `${result.update.project.number} ${result.update.project.title}`;
    await turn.reply(
      noticeCard({
        title: t.delegatedTitle(project),
        text: t.delegatedText(result.to, result.added),
        tone: 'good',
      }),
    );
  },
};

/** `geschiedenis 4.2.3` / `history 4.2.3` */
export const historyCommand: Command = {
  name: 'history',
  patterns: [/^(?:geschiedenis|history)\s+(\S+)$/, /^(?:geschiedenis|history)$/],
  async handle(turn, match) {
    const number = match[1];
    if (number === undefined) {
      const t = TEXTS[turn.language];
      await turn.reply(await projectUsage(turn, 'history', t.historyUsage));
      return;
    }
    const { round, update } = await projectHistory({ number, by: turn.person }, answerDeps(turn));
    await turn.reply(historyCard(turn.language, round, update));
  },
};
