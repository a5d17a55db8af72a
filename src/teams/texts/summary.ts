/** The summary of a round, and of one project over the rounds. */
const nl = {
  summaryTitle: (round: string) => `Samenvatting ${round}`,
  summaryProgress: (answered: number, total: number) => `${answered} van ${total} projecten beantwoord.`,
  summaryDeadline: (date: string) => `Deadline: ${date}.`,
  summaryAbout: (round: string, about: string) => `Samenvatting ${round}: ${about}`,
  summaryOwn: 'Alleen uw eigen projecten; coördinatoren en lezers zien alles.',
  summaryPage: (page: number, pages: number) => `Pagina ${page} van ${pages}.`,
  summarySheet: 'Antwoorden (.xlsx)',
  projectSummarySubtitle: 'Stand van zaken per ronde, de nieuwste eerst',
  projectSummaryProgress: (answered: number, total: number) =>
    `Beantwoord in ${answered} van ${total} ${total === 1 ? 'ronde' : 'rondes'}.`,
  projectSummaryOwn:
    'Alleen de rondes waarin dit project van u was of aan u was gedelegeerd; coördinatoren en lezers zien alles.',
  projectSummaryRound: (round: string, open: boolean) => `${round} · ${open ? 'open' : 'gesloten'}`,
  noAnswer: 'Geen antwoord',
  answeredBy: (who: string, when: string, versions: number) =>
    `${who}, ${when}${versions > 1 ? ` (versie ${versions})` : ''}`,
  clippedCurrent: (number: string) =>
    `Tekst ingekort; de volledige tekst en alle versies: **geschiedenis ${number}**.`,
  clippedOther: (round: string) => `Tekst ingekort; de volledige tekst staat in het hoofdstuk van ${round}.`,
  previous: 'Vorige',
  next: 'Volgende',
};

const en: typeof nl = {
  summaryTitle: (round: string) => `Summary ${round}`,
  summaryProgress: (answered: number, total: number) => `${answered} of ${total} projects answered.`,
  summaryDeadline: (date: string) => `Deadline: ${date}.`,
  summaryAbout: (round: string, about: string) => `Summary ${round}: ${about}`,
  summaryOwn: 'Only your own projects; coordinators and readers see all.',
  summaryPage: (page: number, pages: number) => `Page ${page} of ${pages}.`,
  summarySheet: 'Answers (.xlsx)',
  projectSummarySubtitle: 'Status per round, newest first',
  projectSummaryProgress: (answered: number, total: number) =>
    `Answered in ${answered} of ${total} ${total === 1 ? 'round' : 'rounds'}.`,
  projectSummaryOwn:
    'Only the rounds in which this project was yours or delegated to you; coordinators and readers see all.',
  projectSummaryRound: (round: string, open: boolean) => `${round} · ${open ? 'open' : 'closed'}`,
  noAnswer: 'No answer',
  answeredBy: (who: string, when: string, versions: number) =>
    `${who}, ${when}${versions > 1 ? ` (version ${versions})` : ''}`,
  clippedCurrent: (number: string) =>
    `Text shortened; the full text and every version: **history ${number}**.`,
  clippedOther: (round: string) => `Text shortened; the full text is in the chapter of ${round}.`,
  previous: 'Previous',
  next: 'Next',
};

export const summaryTexts = { nl, en };
