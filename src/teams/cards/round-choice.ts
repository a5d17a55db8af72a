/** Which round a card shows, and the answer to a round asked for that is not there. */
import type { Language, Round, RoundName } from '../../domain/model';
import type { RoundNotFound } from '../../domain/use-cases/choose-round';
import { TEXTS, roundName, roundPhrase } from '../texts';
import { noticeCard } from './notices';
import type { AdaptiveCard } from './render';

/** The commands that take a round: each is typed with the round after its word. */
export type RoundCommand = 'summary' | 'status' | 'review' | 'compile';

/** How the person types the command for a round: "samenvatting jaarverslag 2021", "jaarverslag 2021". */
export function roundCommand(language: Language, command: RoundCommand, round: RoundName): string {
  const word = TEXTS[language].roundCommandWord[command];
  // In English the round as the cards name it ("summary annual report 2021"); the compile
  // command takes the Dutch kind only, as the report is called.
  const kind =
    language === 'en' && command !== 'compile'
      ? roundName(language, round.kind, round.year).toLowerCase()
      : `${round.kind} ${round.year}`;
  return `${word ? `${word} ` : ''}${kind}`;
}

/**
 * Under a summary or status the person did not name a round for: which round this is, and the
 * other open rounds with the command for each. Empty when the round was named or is the only one.
 */
export function otherRoundsLine(
  language: Language,
  command: RoundCommand,
  shown: { readonly round: Round; readonly named: boolean; readonly alsoOpen: readonly Round[] },
): string {
  if (shown.named || shown.alsoOpen.length === 0) return '';
  const t = TEXTS[language];
  return `${t.shownRound(phrase(language, shown.round))} ${t.alsoOpen(
    shown.alsoOpen.map((round) => phrase(language, round)),
    shown.alsoOpen.map((round) => roundCommand(language, command, round)),
  )}`;
}

/** A round asked for that is not there (or none open): the rounds that are, open first, and how to ask. */
export function roundNotFoundCard(
  language: Language,
  error: RoundNotFound,
  command: RoundCommand,
): AdaptiveCard {
  const t = TEXTS[language];
  const open = error.known.filter((round) => round.status === 'open');
  const closed = error.known.filter((round) => round.status !== 'open');
  // A closed round can be read, never reviewed.
  const [example] = command === 'review' ? open : error.known;
  const closedShown = closed.slice(0, CLOSED_SHOWN);
  const lines = [
    error.asked === undefined
      ? t.noOpenRound
      : error.asked === 'incomplete'
        ? t.roundIncomplete
        : t.noRoundFor(phrase(language, error.asked)),
    ...(open.length > 0 ? [t.openRounds(open.map((round) => phrase(language, round)))] : []),
    ...(closed.length > 0
      ? [
          t.closedRounds(
            closedShown.map((round) => phrase(language, round)),
            closed.length - closedShown.length,
          ),
        ]
      : []),
    ...(example ? [t.roundExample(roundCommand(language, command, example))] : []),
  ];
  return noticeCard({ title: t.roundChoiceTitle, text: lines.join(' '), tone: 'attention' });
}

/** Two rounds a year: the last two years' are named, older ones counted. */
const CLOSED_SHOWN = 4;

function phrase(language: Language, round: RoundName): string {
  return roundPhrase(language, round.kind, round.year);
}
