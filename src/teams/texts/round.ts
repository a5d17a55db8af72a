import type { Examples } from './welcome';

/** A round opened, closed and reopened, and the coordinator's `status` of who has not answered. */

/** A round as the texts name it: in running text with its article, and as typed in a command. */
export interface RoundWords {
  /** "Voortgangsrapportage 2021", "Progress report 2021" (roundName), as a title. */
  readonly name: string;
  /** "de voortgangsrapportage 2021", "the progress report 2021" (roundPhrase). */
  readonly phrase: string;
  readonly kind: string;
  readonly year: number;
}

/** At the start of a sentence: "De voortgangsrapportage 2021 …". */
function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** Numbers to mention in a sentence: the first ten, and how many more. */
const LISTED = 10;

function listed(numbers: readonly string[], more: (count: number) => string): string {
  const shown = numbers.slice(0, LISTED).join(', ');
  return numbers.length > LISTED ? `${shown} ${more(numbers.length - LISTED)}` : shown;
}

const nl = {
  roundOpenedTitle: (round: string) => `${round} is geopend`,
  roundOpenedNow: (cards: number) =>
    `${cards === 1 ? 'De kaart wordt' : `De ${cards} kaarten worden`} nu verstuurd.`,
  roundOpenedLater: (cards: number, when: string) =>
    `${cards === 1 ? 'De kaart gaat' : `De ${cards} kaarten gaan`} ${when} de deur uit: buiten kantoortijd verstuur ik niets.`,
  unreachable: 'Niet bereikbaar (app niet geopend, in geen team met de bot)',
  roundClosedTitle: (round: string) => `${round} is gesloten`,
  statusTitle: (round: string) => `Stand van de ronde: ${round}`,
  statusText: (answered: number, total: number, unreachable: number) =>
    `${answered} van ${total} projecten beantwoord` +
    (unreachable === 0
      ? '.'
      : `; ${unreachable === 1 ? '1 eigenaar is' : `${unreachable} eigenaren zijn`} niet bereikbaar.`),
  ownerOpen: (name: string) => `${name}: nog niet ingevuld`,
  remindedThisWeek: (count: number, cap: number) => `herinnerd: ${count} van ${cap} deze week`,
  delegateName: (name: string) => `${name} (gedelegeerd)`,
  statusUnchanged: (count: number) =>
    `${count === 1 ? '1 antwoord is' : `${count} antwoorden zijn`} (bijna) gelijk aan dat van de vorige ronde.`,
  ownerDraft: (name: string) => `${name}: concept opgeslagen, nog niet verstuurd`,
  ownerSentBack: (name: string) => `${name}: teruggestuurd, nog niet opnieuw ingediend`,
  statusReview: (submitted: number, approved: number, sentBack: number) =>
    `Beoordeling: ${submitted} ${submitted === 1 ? 'wacht' : 'wachten'} op een beoordelaar (typ **beoordelen**), ${approved} goedgekeurd, ${sentBack} teruggestuurd.`,
  ownerSnoozed: (name: string, when: string) => `${name}: nog niet ingevuld, herinnering ${when}`,
  ownerUnreachable: (name: string, reason: string) => `${name}: niet bereikbaar (${reason})`,
  moreRows: (count: number) => `en nog ${count}`,
  reasons: {
    'no-contact': 'app niet geopend, in geen team met de bot',
    blocked: 'bot geblokkeerd',
    'not-found': 'gesprek bestaat niet meer',
    'no-project': 'project staat niet meer in de ronde',
  } as Record<string, string>,
  roundClosedText: 'Er gaan geen herinneringen meer uit en de antwoorden liggen vast.',
  closeQuestionTitle: (round: RoundWords) => `${round.name} sluiten?`,
  closeQuestionCounts: (answered: number, total: number, missing: readonly string[]) => {
    if (missing.length === 0) {
      return total === 1 ? 'Het project heeft een antwoord.' : `Alle ${total} projecten hebben een antwoord.`;
    }
    const numbers = listed(missing, (more) => `en nog ${more}`);
    if (total === 1) return `Het project heeft nog geen antwoord (${numbers}).`;
    if (answered === 0) return `Geen van de ${total} projecten heeft een antwoord (${numbers}).`;
    return (
      `${answered} van de ${total} projecten ${answered === 1 ? 'heeft' : 'hebben'} een antwoord; ` +
      `${missing.length} ${missing.length === 1 ? 'ontbreekt' : 'ontbreken'} (${numbers}).`
    );
  },
  closeQuestionText: 'Na het sluiten krijgt niemand nog een herinnering en liggen de antwoorden vast.',
  closeConfirm: 'Sluiten',
  closeCancel: 'Niet sluiten',
  reopenHint: (kind: string, year: number) =>
    `Heropenen kan met een nieuwe deadline: typ **ronde heropen ${kind} ${year} tot** en een datum.`,
  closeCancelledTitle: (round: string) => `${round} blijft open`,
  closeCancelledText: (deadline: string) => `Er is niets gesloten; de deadline blijft ${deadline}.`,
  alreadyClosedTitle: (round: string) => `${round} was al gesloten`,
  closedOnBy: (when: string, who: string) =>
    `Gesloten${who ? ` door ${who}` : ''} op ${when}; er is niets veranderd.`,
  isClosedReopenWith: (round: RoundWords, deadline: string) =>
    `${capitalised(round.phrase)} is gesloten. Heropen ${round.kind === 'jaarverslag' ? 'dat' : 'die'} met ` +
    `**ronde heropen ${round.kind} ${round.year} tot ${deadline}**.`,
  isOpenAlready: (round: string, deadline: string, reopened?: { when: string; who: string }) =>
    `${capitalised(round)} is al open, met deadline ${deadline}` +
    (reopened ? ` (heropend${reopened.who ? ` door ${reopened.who}` : ''} op ${reopened.when})` : '') +
    '. Er is niets veranderd.',
  nothingToReopen: (round: RoundWords, deadline: string) =>
    `Er is geen ${round.name.toLowerCase()} om te heropenen. Een nieuwe ronde opent u met ` +
    `**ronde open ${round.kind} ${round.year} tot ${deadline}**.`,
  reopenUsage: (e: Examples) =>
    `Typ bijvoorbeeld **ronde heropen ${e.kind} ${e.year} tot ${e.deadline}** (of ${e.other}).`,
  roundReopenedTitle: (round: string) => `${round} is heropend`,
  roundReopenedText: (waiting: number, total: number, when: string | undefined) =>
    (waiting === 0
      ? 'Alle projecten hebben al een antwoord.'
      : `${waiting} van de ${total} projecten ${waiting === 1 ? 'heeft' : 'hebben'} nog geen antwoord; ` +
        `daarvoor gaat ${when === undefined ? 'nu' : when} een herinnering uit.`) +
    ' De antwoorden die er al zijn, blijven staan; de eigenaren kunnen ze weer wijzigen tot de deadline.',
  statusReopened: (who: string, when: string, deadline: string) =>
    `Heropend${who ? ` door ${who}` : ''} op ${when}, met deadline ${deadline}.`,
  reopenedByFact: 'Heropend door',
  closedByFact: 'Eerder gesloten door',
  byAt: (who: string, when: string) => (who ? `${who}, ${when}` : when),
  closeUsage: (e: Examples) => `Typ bijvoorbeeld **ronde sluit ${e.kind} ${e.year}** (of ${e.other}).`,
  deadlineFact: 'Deadline',
  projectsFact: 'Projecten',
  remindersFact: 'Herinneringen',
  remindersValue: (dates: string) => `${dates}, om 09:00, aan wie nog niet heeft geantwoord`,
  remindersValueAnyTime: (dates: string) =>
    `${dates}, aan wie nog niet heeft geantwoord. Ontwikkelmodus (SEND_ANY_TIME): ik verstuur op elk moment, ook in het weekend en buiten kantoortijd.`,
  noReminders: 'geen',
  digestFact: 'Na de deadline',
  digestValue: 'elke werkdag een overzicht van wat ontbreekt, aan u',
  bundleFact: 'Per persoon',
  bundleValue: (cap: number) =>
    `één herinnering per moment, met al zijn of haar open projecten; ten hoogste ${cap} per week (de herinnering op de dag van de deadline gaat altijd)`,
  firstAskFact: 'Eerste vraag',
  firstAskPerProject: 'een kaart per project',
  firstAskOverview: 'één overzicht per persoon, met per project een knop Invullen',
  roundUsage: (e: Examples) =>
    `Typ bijvoorbeeld **ronde open ${e.kind} ${e.year} tot ${e.deadline}** (of ${e.other}). De deadline mag ook in cijfers: ${e.deadlineInFigures}.`,
};

const en: typeof nl = {
  roundOpenedTitle: (round: string) => `${round} is open`,
  roundOpenedNow: (cards: number) =>
    `${cards === 1 ? 'The card is' : `The ${cards} cards are`} being sent now.`,
  roundOpenedLater: (cards: number, when: string) =>
    `${cards === 1 ? 'The card goes' : `The ${cards} cards go`} out ${when}: I send nothing outside office hours.`,
  unreachable: 'Not reachable (app not opened, in no team with the bot)',
  roundClosedTitle: (round: string) => `${round} is closed`,
  statusTitle: (round: string) => `Round status: ${round}`,
  statusText: (answered: number, total: number, unreachable: number) =>
    `${answered} of ${total} projects answered` +
    (unreachable === 0
      ? '.'
      : `; ${unreachable === 1 ? '1 owner' : `${unreachable} owners`} cannot be reached.`),
  ownerOpen: (name: string) => `${name}: not answered yet`,
  remindedThisWeek: (count: number, cap: number) => `reminded: ${count} of ${cap} this week`,
  delegateName: (name: string) => `${name} (delegated)`,
  statusUnchanged: (count: number) =>
    `${count === 1 ? '1 answer is' : `${count} answers are`} (nearly) the same as last round's.`,
  ownerDraft: (name: string) => `${name}: draft saved, not sent yet`,
  ownerSentBack: (name: string) => `${name}: sent back, not submitted again yet`,
  statusReview: (submitted: number, approved: number, sentBack: number) =>
    `Review: ${submitted} waiting for a reviewer (type **review**), ${approved} approved, ${sentBack} sent back.`,
  ownerSnoozed: (name: string, when: string) => `${name}: not answered yet, reminder ${when}`,
  ownerUnreachable: (name: string, reason: string) => `${name}: not reachable (${reason})`,
  moreRows: (count: number) => `and ${count} more`,
  reasons: {
    'no-contact': 'app not opened, in no team with the bot',
    'no-project': 'project no longer in the round',
    blocked: 'bot blocked',
    'not-found': 'conversation gone',
  },
  roundClosedText: 'No more reminders go out and the answers are final.',
  closeQuestionTitle: (round: RoundWords) => `Close ${round.phrase}?`,
  closeQuestionCounts: (answered: number, total: number, missing: readonly string[]) => {
    if (missing.length === 0) {
      return total === 1 ? 'The project has an answer.' : `All ${total} projects have an answer.`;
    }
    const numbers = listed(missing, (more) => `and ${more} more`);
    if (total === 1) return `The project has no answer yet (${numbers}).`;
    if (answered === 0) return `None of the ${total} projects has an answer (${numbers}).`;
    return (
      `${answered} of the ${total} projects ${answered === 1 ? 'has' : 'have'} an answer; ` +
      `${missing.length} ${missing.length === 1 ? 'is' : 'are'} missing (${numbers}).`
    );
  },
  closeQuestionText: 'Once it is closed, nobody gets a reminder any more and the answers are final.',
  closeConfirm: 'Close',
  closeCancel: 'Do not close',
  reopenHint: (kind: string, year: number) =>
    `It can be reopened with a new deadline: type **round reopen ${kind} ${year} until** and a date.`,
  closeCancelledTitle: (round: string) => `${round} stays open`,
  closeCancelledText: (deadline: string) => `Nothing has been closed; the deadline is still ${deadline}.`,
  alreadyClosedTitle: (round: string) => `${round} was closed already`,
  closedOnBy: (when: string, who: string) =>
    `Closed${who ? ` by ${who}` : ''} on ${when}; nothing has changed.`,
  isClosedReopenWith: (round: RoundWords, deadline: string) =>
    `${capitalised(round.phrase)} is closed. Reopen it with **round reopen ${round.kind} ${round.year} until ${deadline}**.`,
  isOpenAlready: (round: string, deadline: string, reopened?: { when: string; who: string }) =>
    `${capitalised(round)} is open already, with deadline ${deadline}` +
    (reopened ? ` (reopened${reopened.who ? ` by ${reopened.who}` : ''} on ${reopened.when})` : '') +
    '. Nothing has changed.',
  nothingToReopen: (round: RoundWords, deadline: string) =>
    `There is no ${round.name.toLowerCase()} to reopen. Open a new round with ` +
    `**round open ${round.kind} ${round.year} until ${deadline}**.`,
  reopenUsage: (e: Examples) =>
    `Type for example **round reopen ${e.kind} ${e.year} until ${e.deadline}** (or ${e.other}).`,
  roundReopenedTitle: (round: string) => `${round} is open again`,
  roundReopenedText: (waiting: number, total: number, when: string | undefined) =>
    (waiting === 0
      ? 'All projects have an answer already.'
      : `${waiting} of the ${total} projects ${waiting === 1 ? 'has' : 'have'} no answer yet; ` +
        `a reminder goes out for ${waiting === 1 ? 'it' : 'them'} ${when === undefined ? 'now' : `on ${when}`}.`) +
    ' The answers already in stay as they are; their owners can change them again until the deadline.',
  statusReopened: (who: string, when: string, deadline: string) =>
    `Reopened${who ? ` by ${who}` : ''} on ${when}, with deadline ${deadline}.`,
  reopenedByFact: 'Reopened by',
  closedByFact: 'Closed before by',
  byAt: (who: string, when: string) => (who ? `${who}, ${when}` : when),
  closeUsage: (e: Examples) => `Type for example **round close ${e.kind} ${e.year}** (or ${e.other}).`,
  deadlineFact: 'Deadline',
  projectsFact: 'Projects',
  remindersFact: 'Reminders',
  remindersValue: (dates: string) => `${dates}, at 09:00, to whoever has not answered`,
  remindersValueAnyTime: (dates: string) =>
    `${dates}, to whoever has not answered. Development mode (SEND_ANY_TIME): I send at any moment, weekends and evenings included.`,
  noReminders: 'none',
  digestFact: 'After the deadline',
  digestValue: 'every working day an overview of what is missing, to you',
  bundleFact: 'Per person',
  bundleValue: (cap: number) =>
    `one reminder per moment, covering all their open projects; at most ${cap} a week (the reminder on the deadline's day always goes)`,
  firstAskFact: 'First ask',
  firstAskPerProject: 'a card per project',
  firstAskOverview: 'one overview per person, with a Fill in button per project',
  roundUsage: (e: Examples) =>
    `Type for example **round open ${e.kind} ${e.year} until ${e.deadline}** (or ${e.other}). The deadline may be in figures too: ${e.deadlineInFigures}.`,
};

export const roundTexts = { nl, en };
