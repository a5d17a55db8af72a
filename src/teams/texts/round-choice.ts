/**
 * Which round a summary, status or review shows: the other open rounds, a closed round, and a
 * round asked for that is not there. Round names come in as phrases with their article
 * (`roundPhrase`), commands as they are typed ("samenvatting jaarverslag 2021").
 */
import type { Language } from '../../domain/model';

const nl = {
  roundChoiceTitle: 'Welke ronde?',
  noRoundFor: (round: string) => `Er is geen ronde voor ${round}.`,
  roundIncomplete: 'Noem de ronde met soort en jaar.',
  noOpenRound: 'Er is geen ronde open.',
  openRounds: (rounds: readonly string[]) => `Open: ${and('nl', rounds)}.`,
  closedRounds: (rounds: readonly string[], earlier: number) =>
    `Gesloten: ${and('nl', earlier > 0 ? [...rounds, `${earlier} eerdere`] : rounds)}.`,
  roundExample: (command: string) => `Typ bijvoorbeeld **${command}**.`,
  shownRound: (round: string) => `Dit is ${round}.`,
  alsoOpen: (rounds: readonly string[], commands: readonly string[]) =>
    `Ook ${and('nl', rounds)} ${rounds.length === 1 ? 'is' : 'zijn'} open: typ ${or('nl', commands.map(bold))}.`,
  closedRound: 'Deze ronde is gesloten; de antwoorden liggen vast.',
  reviewRounds: (rounds: readonly string[], command: string) =>
    `Dit zijn antwoorden uit ${and('nl', rounds)}. Alleen die van één ronde: typ bijvoorbeeld **${command}**.`,
  roundCommandWord: { summary: 'samenvatting', status: 'status', review: 'beoordelen', compile: '' },
};

const en: typeof nl = {
  roundChoiceTitle: 'Which round?',
  noRoundFor: (round: string) => `There is no round for ${round}.`,
  roundIncomplete: 'Name the round by its kind and year.',
  noOpenRound: 'No round is open.',
  openRounds: (rounds: readonly string[]) => `Open: ${and('en', rounds)}.`,
  closedRounds: (rounds: readonly string[], earlier: number) =>
    `Closed: ${and('en', earlier > 0 ? [...rounds, `${earlier} earlier ${earlier === 1 ? 'one' : 'ones'}`] : rounds)}.`,
  roundExample: (command: string) => `Type, for example, **${command}**.`,
  shownRound: (round: string) => `This is ${round}.`,
  alsoOpen: (rounds: readonly string[], commands: readonly string[]) =>
    `Also open: ${and('en', rounds)}; type ${or('en', commands.map(bold))}.`,
  closedRound: 'This round is closed; the answers are final.',
  reviewRounds: (rounds: readonly string[], command: string) =>
    `These are answers from ${and('en', rounds)}. For one round only, type, for example, **${command}**.`,
  roundCommandWord: { summary: 'summary', status: 'status', review: 'review', compile: '' },
};

const LISTS = {
  nl: {
    and: new Intl.ListFormat('nl-NL', { type: 'conjunction' }),
    or: new Intl.ListFormat('nl-NL', { type: 'disjunction' }),
  },
  en: {
    and: new Intl.ListFormat('en-GB', { type: 'conjunction' }),
    or: new Intl.ListFormat('en-GB', { type: 'disjunction' }),
  },
};

/** "de voortgangsrapportage 2021 en het jaarverslag 2021" */
function and(language: Language, items: readonly string[]): string {
  return LISTS[language].and.format(items);
}

function or(language: Language, items: readonly string[]): string {
  return LISTS[language].or.format(items);
}

function bold(text: string): string {
  return `**${text}**`;
}

export const roundChoiceTexts = { nl, en };
