import type { Language } from './model';

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
  INVALID_DEADLINE: {
    nl: 'Geef de deadline als datum, bijvoorbeeld 2021-07-01 of 1-7-2021.',
    en: 'Give the deadline as a date, for example 2021-07-01 or 1-7-2021.',
  },
  DEADLINE_IN_PAST: {
    nl: 'De deadline ligt in het verleden. Kies een datum vanaf vandaag.',
    en: 'The deadline is in the past. Choose a date from today on.',
  },
  OPEN_DATE_AFTER_DEADLINE: {
    nl: 'De startdatum ligt na de deadline.',
    en: 'The start date is after the deadline.',
  },
  ROUND_ALREADY_OPEN: {
    nl: 'Er is al een ronde van deze soort voor dit jaar.',
    en: 'There is already a round of this kind for this year.',
  },
  NO_PROJECTS: {
    nl: 'Er staan geen projecten voor dit jaar in het register.',
    en: 'The register holds no projects for this year.',
  },
  NO_ROUND: {
    nl: 'Er is nog geen ronde geopend.',
    en: 'No round has been opened yet.',
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
    nl: 'Geef het e-mailadres van de collega, bijvoorbeeld `delegeer 4.2.3 aan j.jansen@gemeente.nl`.',
    en: "Give the colleague's e-mail address, for example `delegate 4.2.3 to j.jansen@example.org`.",
  },
  PROJECT_NOT_IN_ROUND: {
    nl: 'Dat projectnummer staat niet in de open ronde.',
    en: 'That project number is not in the open round.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type ErrorCode = keyof typeof MESSAGES;

/** A refusal the user can act on: a stable code for logs and tests, a message for people. */
export class DomainError extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
    this.name = 'DomainError';
  }

  messageFor(language: Language): string {
    return MESSAGES[this.code][language];
  }
}
