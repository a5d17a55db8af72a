import { DomainError } from '../../domain/errors';
import { noticeCard } from '../cards';
import { MAX_COMMAND_LENGTH, normaliseCommand } from '../command-text';
import { TEXTS } from '../texts';
import type { CardAction, CommandFinder } from '../turn';
import { text as textOf } from './card-data';

/**
 * The button on a suggestion (commands/did-you-mean.ts): runs the command as if the person had
 * typed it, with the same checks (anything that arrives here could have been typed). Its answer
 * comes as a new message; the suggestion says, in place, which command was given. The routing
 * table hands in its finder, so that this file does not import the table that lists it.
 */
export function runCommandAction(find: CommandFinder): CardAction {
  return {
    verb: 'runCommand',
    async handle(turn, data) {
      const t = TEXTS[turn.language];
      const command = normaliseCommand(textOf(data, 'command'));
      const found = command.length <= MAX_COMMAND_LENGTH ? find(command) : undefined;
      if (!found) {
        return noticeCard({ title: t.unknownCommandTitle, text: t.unknownCommandText, tone: 'attention' });
      }
      try {
        await found.command.handle(turn, found.match);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        turn.services.log.info({ code: error.code, command: found.command.name }, 'command refused');
        return noticeCard({
          title: t.refusedTitle,
          text: error.messageFor(turn.language),
          tone: 'attention',
        });
      }
      return noticeCard({ title: t.suggestionDone(command), tone: 'good' });
    },
  };
}
