import { dateInFigures, spellDate } from './dates';
import type { Language, Round } from './model';

/** What a refusal of a typed date names, so that it can say what was wrong with it. */
export interface DateDetails {
  /** The date as it was typed. */
  readonly typed: string;
  /**
   * YYYY-MM-DD: a date that would do (UNKNOWN_DATE, DEADLINE_IN_PAST), or the last day of the
   * month typed (NONEXISTENT_DATE), which says how many days it has.
   */
  readonly date: string;
}

type Message = string | ((details: DateDetails) => string);

const MESSAGES = {
  NOT_COORDINATOR: {
    nl: 'Alleen een coördinator kan dit doen.',
    en: 'Only a coordinator can do this.',
  },
  INVALID_ROUND_KIND: {
    nl: 'Kies als soort ronde "voortgangsrapportage" of "jaarverslag".',
    en: 'The kind of round must be "voortgangsrapportage" or "jaarverslag".',
  },
  INVALID_YEAR: {
    nl: 'Geef een jaartal tussen 2000 en 2100.',
    en: 'Give a year between 2000 and 2100.',
  },
  UNKNOWN_DATE: {
    nl: ({ typed, date }: DateDetails) =>
      `‘${typed}’ is geen datum die ik ken; schrijf bijvoorbeeld ${spellDate('nl', date)} of ${dateInFigures('nl', date)}.`,
    en: ({ typed, date }: DateDetails) =>
      `‘${typed}’ is not a date I know; write for example ${spellDate('en', date)} or ${dateInFigures('en', date)}.`,
  },
  NONEXISTENT_DATE: {
    nl: ({ typed, date }: DateDetails) =>
      `‘${typed}’ bestaat niet: ${spellDate('nl', date).replace(/^\d+ /, '')} heeft ${Number(date.slice(8))} dagen.`,
    en: ({ typed, date }: DateDetails) =>
      `‘${typed}’ does not exist: ${spellDate('en', date).replace(/^\d+ /, '')} has ${Number(date.slice(8))} days.`,
  },
  DEADLINE_IN_PAST: {
    nl: ({ typed, date }: DateDetails) =>
      `De deadline ${typed} ligt in het verleden; kies een datum vanaf vandaag, bijvoorbeeld ${spellDate('nl', date)}.`,
    en: ({ typed, date }: DateDetails) =>
      `The deadline ${typed} is in the past; choose a date from today on, for example ${spellDate('en', date)}.`,
  },
  OPEN_DATE_AFTER_DEADLINE: {
    nl: 'De startdatum ligt na de deadline.',
    en: 'The start date is after the deadline.',
  },
  ROUND_ALREADY_OPEN: {
    nl: 'Deze ronde is al open.',
    en: 'This round is open already.',
  },
  CLOSE_OUTDATED: {
    nl: 'Deze ronde is heropend nadat om bevestiging werd gevraagd; er is niets gesloten. Vraag opnieuw om te sluiten als dat nog moet.',
    en: 'This round was reopened after the confirmation was asked for; nothing has been closed. Ask to close it again if it still has to be.',
  },
  NO_PROJECTS: {
    nl: 'Er staan geen projecten voor dit jaar in het register.',
    en: 'The register holds no projects for this year.',
  },
  NO_ROUND: {
    nl: 'Er is nog geen ronde geopend.',
    en: 'No round has been opened yet.',
  },
  NO_OPEN_ROUND: {
    nl: 'Er is geen ronde open.',
    en: 'No round is open.',
  },
  ROUND_NOT_FOUND: {
    nl: 'Deze ronde bestaat niet (meer).',
    en: 'This round does not exist (any more).',
  },
  ROUND_CLOSED: {
    nl: 'Deze ronde is gesloten; er kunnen geen antwoorden meer bij.',
    en: 'This round is closed; no more answers can be added.',
  },
  UNKNOWN_PROJECT: {
    nl: 'Dit project hoort niet bij deze ronde.',
    en: 'This project is not part of this round.',
  },
  NOT_PROJECT_OWNER: {
    nl: 'Alleen de eigenaar van dit project, iemand aan wie het is gedelegeerd, of een coördinator kan de stand van zaken invullen.',
    en: 'Only the owner of this project, someone it was delegated to, or a coordinator can give its status.',
  },
  NOT_PROJECT_HISTORY: {
    nl: 'Alleen de eigenaar van dit project, iemand aan wie het is gedelegeerd, of een coördinator kan de geschiedenis van de antwoorden zien.',
    en: 'Only the owner of this project, someone it was delegated to, or a coordinator can see the history of its answers.',
  },
  NOT_REMINDER_RECIPIENT: {
    nl: 'Deze herinnering is voor de eigenaar van het project, iemand aan wie het is gedelegeerd, of een coördinator; er is niets veranderd.',
    en: 'This reminder is for the owner of the project, someone it was delegated to, or a coordinator; nothing has changed.',
  },
  ANSWER_INVALID: {
    nl: 'Niet alles is goed ingevuld; zie de opmerkingen bij de velden. Er is nog niets opgeslagen.',
    en: 'Not everything is filled in correctly; see the notes at the fields. Nothing has been saved yet.',
  },
  ANSWER_CONFLICT: {
    nl: 'Iemand anders heeft intussen een nieuwer antwoord opgeslagen. Hieronder staan dat antwoord en uw eigen tekst: voeg ze samen en verstuur opnieuw.',
    en: 'Someone else has saved a newer answer in the meantime. Below are that answer and your own text: merge them and send again.',
  },
  CONCURRENT_EDIT: {
    nl: 'Iemand anders sloeg tegelijk iets op voor dit project. Probeer het nog eens.',
    en: 'Someone else saved something for this project at the same time. Please try again.',
  },
  NOT_A_DELEGATE_ADDRESS: {
    nl: 'Geef het e-mailadres van de collega, bijvoorbeeld **delegeer 4.2.3 aan j.jansen@gemeente.nl**.',
    en: "Give the colleague's e-mail address, for example **delegate 4.2.3 to j.jansen@example.org**.",
  },
  DELEGATE_UNKNOWN: {
    nl: 'Deze collega kent de bot nog niet, dus er kan geen kaart heen; er is niets gedelegeerd. Voeg de collega toe aan een team waar de bot Stand van zaken in zit, of vraag de collega de app in Teams te openen, en delegeer dan opnieuw.',
    en: 'The bot does not know this colleague yet, so no card can reach them; nothing was delegated. Add the colleague to a team that has the Stand van zaken bot, or ask them to open the app in Teams, then delegate again.',
  },
  NOTHING_RECOGNISED: {
    nl: 'In deze tekst staan geen projecten die ik herken: ik zoek genummerde kopjes zoals "4.2.3 Titel" met daaronder "Speerpunt …" en de vragen van het verslag.',
    en: 'I found no projects in this text: I look for numbered headings such as "4.2.3 Title" followed by "Speerpunt …" and the report\'s questions.',
  },
  REGISTER_DRAFT_NOT_FOUND: {
    nl: 'Deze herkende lijst bestaat niet (meer). Stuur het verslag opnieuw.',
    en: 'This recognised list does not exist (any more). Send the report again.',
  },
  PROJECT_NOT_IN_ROUND: {
    nl: 'Dat projectnummer staat niet in de open ronde.',
    en: 'That project number is not in the open round.',
  },
  SPEERPUNT_NOT_IN_ROUND: {
    nl: 'Geen project in deze ronde heeft dat speerpunt.',
    en: 'No project in this round has that focus area.',
  },
  UNKNOWN_PROJECT_NUMBER: {
    nl: 'Dat projectnummer komt in geen enkele ronde voor.',
    en: 'That project number is not in any round.',
  },
  PROJECT_NOT_IN_OPEN_ROUND: {
    nl: 'Dat projectnummer staat in geen open ronde.',
    en: 'That project number is not in any open round.',
  },
  NOT_PROJECT_DELEGATOR: {
    nl: 'Alleen de eigenaar van dit project of een coördinator kan het delegeren.',
    en: 'Only the owner of this project or a coordinator can delegate it.',
  },
  NOT_PROJECT_READER: {
    nl: 'Alleen de eigenaar van dit project, iemand aan wie het is gedelegeerd, een coördinator of een lezer kan de antwoorden zien.',
    en: 'Only the owner of this project, someone it was delegated to, a coordinator or a reader can see its answers.',
  },
  NOT_REVIEWER: {
    nl: 'Alleen een coördinator of de beoordelaar van dit speerpunt kan antwoorden beoordelen.',
    en: 'Only a coordinator or the reviewer of this focus area can review answers.',
  },
  SELF_REVIEW: {
    nl: 'U heeft deze versie zelf ingediend; iemand anders moet haar beoordelen.',
    en: 'You submitted this version yourself; someone else has to review it.',
  },
  COMMENT_REQUIRED: {
    nl: 'Schrijf bij het terugsturen wat er anders moet; er is nog niets opgeslagen.',
    en: 'Say what has to change when you send an answer back; nothing has been saved yet.',
  },
  COMMENT_TOO_LONG: {
    nl: 'De opmerking is te lang (hoogstens 2000 tekens); er is nog niets opgeslagen.',
    en: 'The comment is too long (2000 characters at most); nothing has been saved yet.',
  },
  INVALID_DECISION: {
    nl: 'Deze knop ken ik niet; er is niets opgeslagen. Vraag de lijst opnieuw op met **beoordelen**.',
    en: 'I do not know this button; nothing has been saved. Ask for the list again with **review**.',
  },
  UNKNOWN_VERSION: {
    nl: 'Deze versie van het antwoord bestaat niet; er is niets opgeslagen.',
    en: 'This version of the answer does not exist; nothing has been saved.',
  },
  VERSION_NOT_LATEST: {
    nl: 'Er is intussen een nieuwere versie ingediend; er is niets opgeslagen. Hieronder staat de nieuwe versie.',
    en: 'A newer version has been submitted in the meantime; nothing has been saved. The new version is below.',
  },
  ALREADY_DECIDED: {
    nl: 'Iemand anders heeft deze versie al beoordeeld; er is niets opgeslagen.',
    en: 'Someone else has already reviewed this version; nothing has been saved.',
  },
  REVIEW_OFF: {
    nl: 'In deze ronde worden antwoorden niet beoordeeld.',
    en: 'Answers are not reviewed in this round.',
  },
  NO_REVIEW_ROUND: {
    nl: 'Er is geen open ronde waarin antwoorden worden beoordeeld.',
    en: 'There is no open round in which answers are reviewed.',
  },
  FINAL_BLOCKED: {
    nl: 'De definitieve versie kan nog niet worden samengesteld.',
    en: 'The final version cannot be compiled yet.',
  },
} as const satisfies Record<string, Record<Language, Message>>;

export type ErrorCode = keyof typeof MESSAGES;

/** The codes whose message names the date that was typed. */
export type DateErrorCode = 'UNKNOWN_DATE' | 'NONEXISTENT_DATE' | 'DEADLINE_IN_PAST';
/** The codes whose message is the same every time. */
export type PlainErrorCode = Exclude<ErrorCode, DateErrorCode>;

/** A refusal the user can act on: a stable code for logs and tests, a message for people. */
export class DomainError extends Error {
  readonly details: DateDetails | undefined;

  constructor(code: PlainErrorCode);
  constructor(code: DateErrorCode, details: DateDetails);
  constructor(
    readonly code: ErrorCode,
    details?: DateDetails,
  ) {
    super(code);
    this.name = 'DomainError';
    this.details = details;
  }

  messageFor(language: Language): string {
    const message: Message = MESSAGES[this.code][language];
    return typeof message === 'string' ? message : message(this.details ?? { typed: '', date: '' });
  }
}

/**
 * The round is not in the state this needs (opening or reopening one that is open, opening or
 * closing one that is closed): it comes along, so the refusal can say what state it is in.
 */
export class RoundStateError extends DomainError {
  constructor(readonly round: Round) {
    super(round.status === 'closed' ? 'ROUND_CLOSED' : 'ROUND_ALREADY_OPEN');
  }
}
