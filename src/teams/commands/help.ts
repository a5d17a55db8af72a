import { helpCard } from '../cards';
import type { Command } from '../turn';

export const helpCommand: Command = {
  name: 'help',
  patterns: [/^(help|hulp|\?|commando'?s|commands)$/],
  handle: (turn) => turn.reply(helpCard(turn.language, turn.services.clock.now())),
};
