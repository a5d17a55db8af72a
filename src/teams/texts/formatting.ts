import { amsterdamDate } from '../../domain/clock';
import { dateInFigures, exampleRound } from '../../domain/dates';
import { parseRoundId, type Language, type ProjectStatus, type RoundKind } from '../../domain/model';
import type { ReportHeadings } from '../../domain/report-format';
import { REPORT_HEADINGS } from '../../domain/report-format';
import type { Examples } from './welcome';

const STATUS_TITLES: Record<Language, Record<ProjectStatus, string>> = {
  nl: {
    'op-schema': 'Op schema',
    vertraagd: 'Vertraagd',
    'on-hold': 'On hold',
    afgerond: 'Afgerond',
    gestopt: 'Gestopt',
  },
  en: {
    'op-schema': 'On track',
    vertraagd: 'Delayed',
    'on-hold': 'On hold',
    afgerond: 'Completed',
    gestopt: 'Stopped',
  },
};

const ROUND_NAMES: Record<Language, Record<RoundKind, string>> = {
  nl: { voortgangsrapportage: 'Voortgangsrapportage', jaarverslag: 'Jaarverslag' },
  en: { voortgangsrapportage: 'Progress report', jaarverslag: 'Annual report' },
};

/** English readers get the questions in English; the published report itself stays Dutch. */
const ENGLISH_HEADINGS: Record<RoundKind, ReportHeadings> = {
  voortgangsrapportage: {
    goal: 'What do we want to achieve?',
    activities: 'What will we do for it?',
    question: 'What is the status?',
  },
  jaarverslag: {
    goal: 'What did we want to achieve?',
    activities: 'What did we plan to do for it?',
    question: 'Did we achieve what we set out to do?',
  },
};

export function statusTitle(language: Language, status: ProjectStatus | undefined): string {
  if (!status) return language === 'nl' ? 'Nog geen antwoord' : 'No answer yet';
  return STATUS_TITLES[language][status];
}

export function statusChoices(language: Language): { title: string; value: ProjectStatus }[] {
  return Object.entries(STATUS_TITLES[language]).map(([value, title]) => ({
    title,
    value: value as ProjectStatus,
  }));
}

export function roundName(language: Language, kind: RoundKind, year: number): string {
  return `${ROUND_NAMES[language][kind]} ${year}`;
}

/** A round as running text names it, with its article: "het jaarverslag 2021", "the progress report 2021". */
export function roundPhrase(language: Language, kind: RoundKind, year: number): string {
  const name = ROUND_NAMES[language][kind].toLowerCase();
  if (language === 'en') return `the ${name} ${year}`;
  return `${kind === 'jaarverslag' ? 'het' : 'de'} ${name} ${year}`;
}

/** The same for a round id (`jaarverslag-2021`); an id of another shape is shown as it is. */
export function roundPhraseOfId(language: Language, roundId: string): string {
  const round = parseRoundId(roundId);
  return round ? roundPhrase(language, round.kind, round.year) : roundId;
}

export function headings(language: Language, kind: RoundKind): ReportHeadings {
  return language === 'nl' ? REPORT_HEADINGS[kind] : ENGLISH_HEADINGS[kind];
}

const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/**
 * The formats, made once per language: building an `Intl` formatter costs far more than using
 * one, and a summary or `status` formats a date for every line (docs/benchmarks.md, bench:turn).
 */
function perLanguage<T>(make: (locale: string) => T): Record<Language, T> {
  return { nl: make(LOCALES.nl), en: make(LOCALES.en) };
}
const DATE = perLanguage(
  (locale) =>
    new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
);
const SHORT_DATE = perLanguage(
  (locale) =>
    new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }),
);
const DATE_TIME = perLanguage(
  (locale) =>
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Amsterdam',
    }),
);
const WEEKDAY_TIME = perLanguage(
  (locale) =>
    new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Amsterdam',
    }),
);
const LIST = perLanguage((locale) => new Intl.ListFormat(locale, { type: 'conjunction' }));

/** 1 juli 2021 / 1 July 2021 */
export function formatDate(language: Language, isoDate: string): string {
  return DATE[language].format(new Date(`${isoDate}T00:00:00Z`));
}

/** di 22 jun / Tue 22 Jun: short, for lists of dates. */
export function formatShortDate(language: Language, isoDate: string): string {
  return SHORT_DATE[language].format(new Date(`${isoDate}T00:00:00Z`));
}

/** 25-11-2026 10:02 in Amsterdam time, whatever the server's zone. */
export function formatDateTime(language: Language, iso: string): string {
  return DATE_TIME[language].format(new Date(iso));
}

/** maandag 7 juni om 09:00 / Monday 7 June at 09:00, in Amsterdam time: when something comes. */
export function formatWeekdayTime(language: Language, iso: string): string {
  return WEEKDAY_TIME[language].format(new Date(iso));
}

/** "4.2.2, 4.2.3 en 4.2.4" / "4.2.2, 4.2.3 and 4.2.4" */
export function listText(language: Language, items: readonly string[]): string {
  return LIST[language].format(items);
}

/**
 * What the examples in help and hints name on this day: a round someone could open now, with a
 * deadline four weeks on. An example in the past would be refused by the bot itself.
 */
export function examplesOn(language: Language, now: Date): Examples {
  const today = amsterdamDate(now);
  const key = `${language}|${today}`;
  const known = examplesOfToday.get(key);
  if (known) return known;
  const examples = examplesFor(language, today);
  // Only today's (and, around midnight, yesterday's) are ever asked: a handful of entries.
  if (examplesOfToday.size >= 8) examplesOfToday.clear();
  examplesOfToday.set(key, examples);
  return examples;
}

/** The help card is the command asked most; its examples change once a day. */
const examplesOfToday = new Map<string, Examples>();

function examplesFor(language: Language, today: string): Examples {
  const example = exampleRound(today);
  return {
    kind: example.kind,
    other: example.kind === 'jaarverslag' ? 'voortgangsrapportage' : 'jaarverslag',
    year: example.year,
    deadline: formatDate(language, example.deadline),
    deadlineInFigures: dateInFigures(language, example.deadline),
    from: formatDate(language, example.from),
  };
}
