import { reviewScopeOf } from '../../domain/access';
import { editDistance, typoAllowance } from '../../domain/edit-distance';
import { isProjectNumber } from '../../domain/use-cases/summarize-project';
import { suggestionCard, type AdaptiveCard } from '../cards';
import { coordinatorCandidate } from '../identity';
import { TEXTS } from '../texts';
import type { CommandFinder, Turn } from '../turn';

type Role = 'everyone' | 'coordinator' | 'reviewer';

interface CommandWords {
  /** How the command starts, as typed; the rest of a message is its argument. */
  readonly words: string;
  readonly role: Role;
  /** Whether its argument is a project number, which may stand anywhere after the words. */
  readonly project?: boolean;
}

/**
 * The words commands start with, Dutch and English, and who may use them: a typo is only taken for
 * a command the person may give. The first of two equally close wins.
 */
const COMMAND_WORDS: readonly CommandWords[] = [
  { words: 'hulp', role: 'everyone' },
  { words: 'help', role: 'everyone' },
  { words: 'samenvatting', role: 'everyone', project: true },
  { words: 'summary', role: 'everyone', project: true },
  { words: 'invullen', role: 'everyone', project: true },
  { words: 'fill in', role: 'everyone', project: true },
  { words: 'geschiedenis', role: 'everyone', project: true },
  { words: 'history', role: 'everyone', project: true },
  { words: 'delegeer', role: 'everyone' },
  { words: 'delegate', role: 'everyone' },
  { words: 'taal', role: 'everyone' },
  { words: 'language', role: 'everyone' },
  { words: 'beoordelen', role: 'reviewer' },
  { words: 'review', role: 'reviewer' },
  { words: 'status', role: 'coordinator' },
  { words: 'ronde open', role: 'coordinator' },
  { words: 'round open', role: 'coordinator' },
  { words: 'ronde sluit', role: 'coordinator' },
  { words: 'round close', role: 'coordinator' },
  { words: 'weekoverzicht', role: 'coordinator' },
  { words: 'weekly digest', role: 'coordinator' },
  { words: 'voortgangsrapportage', role: 'coordinator' },
  { words: 'jaarverslag', role: 'coordinator' },
  { words: 'huisstijl', role: 'coordinator' },
  { words: 'template', role: 'coordinator' },
];

/** A command the text most likely meant, and who may give it. */
export interface Suggestion {
  /** The command as it would be typed, the argument kept: "geschiedenis 4.2.2". */
  readonly command: string;
  readonly role: Role;
  /** How far the typed words were off; 0 when only the argument was out of place. */
  readonly distance: number;
}

/**
 * The commands a text that matched none most likely meant, closest first: its first words taken
 * for a command's words within {@link typoAllowance}, the rest kept as the argument, and only
 * where the result is a command that would be understood. A project number in the wrong place
 * ("geschiedenis van 4.2.2") is put where it belongs.
 */
export function suggestionsFor(text: string, find: CommandFinder): Suggestion[] {
  const typed = text.split(' ');
  const found: Suggestion[] = [];
  for (const { words, role, project } of COMMAND_WORDS) {
    const length = words.split(' ').length;
    if (typed.length < length) continue;
    const distance = editDistance(typed.slice(0, length).join(' '), words);
    if (distance > typoAllowance(words)) continue;
    const rest = typed.slice(length);
    const number = project ? rest.find((word) => isProjectNumber(word)) : undefined;
    const command = [[words, ...rest].join(' '), number === undefined ? '' : `${words} ${number}`].find(
      (candidate) => candidate !== '' && find(candidate),
    );
    if (command) found.push({ command, role, distance });
  }
  return found.sort((a, b) => a.distance - b.distance);
}

/**
 * What to answer a text that matched no command, when something comes close: the nearest command
 * the person may give, with a button that gives it. `status 4.2.2` is no typo but a project asked
 * of a command about the whole round: the answer points to the project's summary.
 */
export async function didYouMean(
  turn: Turn,
  text: string,
  find: CommandFinder,
): Promise<AdaptiveCard | undefined> {
  const t = TEXTS[turn.language];
  const statusOf = /^(?:status|voortgang|progress) (\d+(?:\.\d+)*)$/.exec(text);
  if (statusOf?.[1]) {
    const command = `${turn.language === 'nl' ? 'samenvatting' : 'summary'} ${statusOf[1]}`;
    return suggestionCard(turn.language, { command, text: t.statusOfProject(statusOf[1], command) });
  }
  const roles = rolesOf(turn);
  for (const suggestion of suggestionsFor(text, find)) {
    if (await roles.may(suggestion.role))
      return suggestionCard(turn.language, { command: suggestion.command });
  }
  return undefined;
}

/** The person's roles, each looked up once and only when a suggestion needs it. */
function rolesOf(turn: Turn): { may(role: Role): Promise<boolean> } {
  const known = new Map<Role, Promise<boolean>>();
  const lookUp = async (role: Role): Promise<boolean> => {
    if (role === 'everyone') return true;
    const { deps } = turn.services;
    const person = await coordinatorCandidate(turn);
    if (deps.isCoordinator(person)) return true;
    if (role === 'coordinator') return false;
    const scope = await reviewScopeOf(person, deps);
    return scope.all || scope.speerpunten.length > 0;
  };
  return {
    may(role) {
      let answer = known.get(role);
      if (!answer) {
        answer = lookUp(role);
        known.set(role, answer);
      }
      return answer;
    },
  };
}
