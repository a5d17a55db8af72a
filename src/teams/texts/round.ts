import type { Examples } from './welcome';

/** A round opened and closed, and the coordinator's `status` of who has not answered. */
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
  closeUsage: (e: Examples) => `Typ bijvoorbeeld **ronde sluit ${e.kind} ${e.year}** (of ${e.other}).`,
  deadlineFact: 'Deadline',
  projectsFact: 'Projecten',
  remindersFact: 'Herinneringen',
  remindersValue: (dates: string) => `${dates}, om 09:00, aan wie nog niet heeft geantwoord`,
  noReminders: 'geen',
  digestFact: 'Na de deadline',
  digestValue: 'elke werkdag een overzicht van wat ontbreekt, aan u',
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
  closeUsage: (e: Examples) => `Type for example **round close ${e.kind} ${e.year}** (or ${e.other}).`,
  deadlineFact: 'Deadline',
  projectsFact: 'Projects',
  remindersFact: 'Reminders',
  remindersValue: (dates: string) => `${dates}, at 09:00, to whoever has not answered`,
  noReminders: 'none',
  digestFact: 'After the deadline',
  digestValue: 'every working day an overview of what is missing, to you',
  roundUsage: (e: Examples) =>
    `Type for example **round open ${e.kind} ${e.year} until ${e.deadline}** (or ${e.other}). The deadline may be in figures too: ${e.deadlineInFigures}.`,
};

export const roundTexts = { nl, en };
