/** The compiled chapter: its card, the links, and what holds up the final version. */
const nl = {
  documentReviewed: (flagged: readonly string[]) =>
    'Alleen goedgekeurde antwoorden staan erin.' +
    (flagged.length > 0
      ? ` Nog niet (of niet in de nieuwste versie) goedgekeurd, gemarkeerd: ${flagged.join(', ')}.`
      : ''),
  finalBlockedTitle: (round: string) => `${round}: de definitieve versie kan nog niet worden gemaakt`,
  finalBlockedText: (count: number) =>
    `${count} ${count === 1 ? 'project houdt' : 'projecten houden'} de definitieve versie tegen. Vraag het concept op (zonder **definitief**) om te zien hoe het er nu uitziet.`,
  blockerReason: {
    missing: 'geen antwoord',
    notApproved: 'nog niets goedgekeurd',
    newerPending: 'nieuwere versie wacht op beoordeling',
  },
  documentTitle: (round: string, final?: boolean) => `${round}: het hoofdstuk${final ? ' (definitief)' : ''}`,
  documentCover: (answered: number, total: number, footnotes: number) =>
    `${answered} van ${total} projecten beantwoord; ${footnotes} ${footnotes === 1 ? 'voetnoot' : 'voetnoten'}. ` +
    'Samengesteld uit de antwoorden zoals ze nu zijn opgeslagen.',
  documentMissing: (numbers: readonly string[]) =>
    `Nog zonder antwoord (gemarkeerd in het document): ${numbers.join(', ')}.`,
  documentExpires: (when: string) => `De links werken tot ${when}; vraag daarna nieuwe aan.`,
  documentDocx: 'Word (.docx)',
  documentMd: 'Markdown (.md)',
  documentXlsx: 'Antwoorden (.xlsx)',
  documentUsage: 'Typ bijvoorbeeld **jaarverslag 2021** of **voortgangsrapportage 2021**.',
  documentHouseTemplate: (file: string) => `Het Word-bestand krijgt de huisstijl uit ${file}.`,
};

const en: typeof nl = {
  documentReviewed: (flagged: readonly string[]) =>
    'Only approved answers are in it.' +
    (flagged.length > 0
      ? ` Not (or not in their newest version) approved yet, marked: ${flagged.join(', ')}.`
      : ''),
  finalBlockedTitle: (round: string) => `${round}: the final version cannot be made yet`,
  finalBlockedText: (count: number) =>
    `${count} ${count === 1 ? 'project stands' : 'projects stand'} in the way of the final version. Ask for the draft (without **final**) to see how it looks now.`,
  blockerReason: {
    missing: 'no answer',
    notApproved: 'nothing approved yet',
    newerPending: 'newer version awaiting review',
  },
  documentTitle: (round: string, final?: boolean) => `${round}: the chapter${final ? ' (final)' : ''}`,
  documentCover: (answered: number, total: number, footnotes: number) =>
    `${answered} of ${total} projects answered; ${footnotes} ${footnotes === 1 ? 'footnote' : 'footnotes'}. ` +
    'Compiled from the answers as they are stored now.',
  documentMissing: (numbers: readonly string[]) =>
    `Still without an answer (marked in the document): ${numbers.join(', ')}.`,
  documentExpires: (when: string) => `The links work until ${when}; ask for new ones after that.`,
  documentDocx: 'Word (.docx)',
  documentMd: 'Markdown (.md)',
  documentXlsx: 'Antwoorden (.xlsx)',
  documentUsage: 'Type for example **jaarverslag 2021** or **voortgangsrapportage 2021**.',
  documentHouseTemplate: (file: string) => `The Word file takes the house style of ${file}.`,
};

export const documentTexts = { nl, en };
