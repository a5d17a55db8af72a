import { helpCard } from '../cards';
import type { Command } from '../turn';

export const helpCommand: Command = {
  name: 'help',
  patterns: [
    /^(?:help(?: me| mij)?|hulp|commando['’]?s|commands|menu|\?)[!?.]*$/,
    // "Wat moet ik doen?", "wat kan ik hier doen", "What should I do?", "what can I do".
    /^(?:wat (?:moet|kan) ik|what (?:should|can|do) i) (?:(?:hier|nu|here|now) )?(?:doen|do)[!?.]*$/,
    /^(?:hoe werkt (?:dit|het)|how does (?:this|it) work)[!?.]*$/,
  ],
  handle: (turn) => turn.reply(helpCard(turn.language, turn.services.clock.now())),
};
