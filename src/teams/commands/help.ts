import { helpCard } from '../cards';
import { replyWithCard } from '../reply';
import type { Command } from '../turn';

export const helpCommand: Command = {
  name: 'help',
  patterns: [/^(help|hulp|\?|commando'?s|commands)$/],
  handle: (turn) => replyWithCard(turn.context, helpCard(turn.language)),
};
