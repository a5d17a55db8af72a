import { reviewDecisionAction, reviewPageAction } from './actions/review';
import { reviewCommand } from './commands/review';
import { editStatusAction } from './actions/edit-status';
import { notMyProjectAction, snoozeReminderAction } from './actions/reminder-responses';
import { runCommandAction } from './actions/run-command';
import { refreshStatusAction, saveDraftAction, submitStatusAction } from './actions/submit-status';
import { closeRoundAction, keepRoundOpenAction } from './actions/close-round';
import { closeRoundCommand } from './commands/close-round';
import { compileCommand } from './commands/compile';
import { fillInAction, fillInCommand } from './commands/fill-in';
import { helpCommand } from './commands/help';
import { houseTemplateCommand } from './commands/house-template';
import { languageCommand } from './commands/language';
import { openRoundCommand } from './commands/open-round';
import { reopenRoundCommand } from './commands/reopen-round';
import { delegateCommand, historyCommand } from './commands/project';
import { statusCommand } from './commands/status';
import { summaryCommand, summaryFillInAction, summaryPageAction } from './commands/summary';
import { weeklyDigestCommand } from './commands/weekly-digest';
import type { CardAction, Command } from './turn';

/** Message commands, tried in this order against the normalised text. */
export const COMMANDS: readonly Command[] = [
  helpCommand,
  summaryCommand,
  statusCommand,
  openRoundCommand,
  closeRoundCommand,
  reopenRoundCommand,
  weeklyDigestCommand,
  delegateCommand,
  historyCommand,
  fillInCommand,
  compileCommand,
  reviewCommand,
  houseTemplateCommand,
  languageCommand,
];

/** Card actions by Action.Execute verb; every verb in cards/ must be here (a test checks). */
export const CARD_ACTIONS: readonly CardAction[] = [
  submitStatusAction,
  fillInAction,
  saveDraftAction,
  refreshStatusAction,
  editStatusAction,
  snoozeReminderAction,
  notMyProjectAction,
  summaryPageAction,
  summaryFillInAction,
  reviewDecisionAction,
  reviewPageAction,
  closeRoundAction,
  keepRoundOpenAction,
  runCommandAction(findCommand),
];

/** The command a normalised text (see command-text.ts) asks for, and what its pattern matched. */
export function findCommand(text: string): { command: Command; match: RegExpMatchArray } | undefined {
  for (const command of COMMANDS) {
    for (const pattern of command.patterns) {
      const match = text.match(pattern);
      if (match) return { command, match };
    }
  }
  return undefined;
}

export function findCardAction(verb: string): CardAction | undefined {
  return CARD_ACTIONS.find((action) => action.verb === verb);
}
