/** Reviewing answers: the queue, the card, the decision, and what the owner sees of it. */
const nl = {
  review: {
    queueTitle: (waiting: number) =>
      waiting === 0
        ? 'Er wacht niets op uw beoordeling'
        : `${waiting} ${waiting === 1 ? 'antwoord wacht' : 'antwoorden wachten'} op uw beoordeling`,
    queueEmpty: 'Alles is beoordeeld. Nieuwe antwoorden komen vanzelf in deze lijst.',
    queueEmptyButOwn: 'Nieuwe antwoorden van anderen komen vanzelf in deze lijst.',
    ownWaiting: (round: string, waiting: number, withoutReviewer: number) =>
      `In ${round} ${waiting === 1 ? 'wacht 1 antwoord dat u zelf indiende' : `wachten ${waiting} antwoorden die u zelf indiende`} op een andere beoordelaar.` +
      (withoutReviewer === 0
        ? ''
        : ` ${
            withoutReviewer === waiting
              ? `Niemand anders mag ${waiting === 1 ? 'het' : 'ze'} beoordelen`
              : `${withoutReviewer} daarvan mag niemand anders beoordelen`
          }: vraag de beheerder van de bot een tweede coördinator (COORDINATORS) of een beoordelaar voor het speerpunt (SPEERPUNT_REVIEWERS) toe te voegen.`),
    queueShown: (from: number, to: number) =>
      `Hierboven ${from === to ? `nummer ${from}` : `${from} t/m ${to}`}, de oudste eerst.`,
    queueNext: 'Volgende',
    onlyInPersonalChat: 'Beoordelen kan alleen in de 1-op-1-chat met mij: typ daar **beoordelen**.',
    dailyTitle: (round: string, waiting: number) =>
      `${round}: ${waiting} ${waiting === 1 ? 'antwoord wacht' : 'antwoorden wachten'} op beoordeling`,
    dailyText:
      'Typ **beoordelen** om ze te lezen, met wat er veranderd is, en ze goed te keuren of terug te sturen. Ik meld dit elke werkdag om 09:00 zolang er iets wacht.',
    queueNextBelow: 'De volgende staan hieronder.',
    cardTitle: 'Ter beoordeling',
    submittedBy: (who: string, when: string, version: number) =>
      `Ingediend door ${who}, ${when} (versie ${version})`,
    changesSinceVersion: (version: number) => `Wijzigingen ten opzichte van versie ${version}`,
    changesSincePrevious: (round: string) => `Wijzigingen ten opzichte van ${round}`,
    changesNone: 'Nieuw antwoord (er is niets om mee te vergelijken)',
    legend: 'Toegevoegd is gemarkeerd, weggehaald is doorgestreept.',
    unchanged: 'Gelijk aan de vorige ronde, of bijna: klopt dit nog?',
    comment: 'Opmerking voor de eigenaar (verplicht bij terugsturen)',
    commentPlaceholder: 'Bijvoorbeeld: licht toe waarom de oplevering is verschoven.',
    approve: 'Goedkeuren',
    sendBack: 'Terugsturen',
    approvedTitle: '✔ Goedgekeurd',
    sentBackTitle: '↩ Teruggestuurd',
    decidedBy: (who: string, when: string) => `Door ${who}, ${when}.`,
    alreadyDecided: (who: string, decision: string, when: string) =>
      `${who} heeft deze versie al ${decision} (${when}); er is niets opgeslagen.`,
    decisionWord: { approved: 'goedgekeurd', sentBack: 'teruggestuurd' },
    yourComment: 'Uw opmerking (niet opgeslagen)',
    theirComment: 'Hun opmerking',
    decisionComment: 'Opmerking',
    ownerSentBack: (who: string, when: string) =>
      `Teruggestuurd door ${who} (${when}). Pas uw tekst aan en verstuur hem opnieuw.`,
    ownerApproved: (who: string, when: string) => `✔ Goedgekeurd door ${who}, ${when}`,
    ownerSubmitted: '✔ Ingediend; wacht op beoordeling',
    sentBackNoticeTitle: (project: string) => `${project} is teruggestuurd`,
    sentBackNoticeText: (who: string, comment: string, round: string) =>
      `${who} vraagt: "${comment}" Pas uw antwoord voor ${round} aan en verstuur het opnieuw: druk op **Invullen**, of gebruik de kaart van dit project hierboven.`,
    state: {
      open: 'nog niet ingevuld',
      answered: 'ingevuld',
      submitted: 'ingediend',
      approved: 'goedgekeurd',
      sentBack: 'teruggestuurd',
    },
    reviewFact: 'Beoordeling',
    awaitingReview: 'ingediend, wacht op beoordeling',
    stuck: (numbers: string, count: number, submitter: string) =>
      `${numbers} ${count === 1 ? 'wacht' : 'wachten'} op een beoordeling die niemand kan geven: ${submitter} ${count === 1 ? 'diende het' : 'diende ze'} in, en niemand anders mag ${count === 1 ? 'het' : 'ze'} beoordelen. Vraag de beheerder van de bot een tweede coördinator (COORDINATORS) of een beoordelaar voor het speerpunt (SPEERPUNT_REVIEWERS) toe te voegen.`,
    roundOn: 'aan: een coördinator keurt elk antwoord goed voordat het in het verslag komt (**beoordelen**)',
    roundOff: 'uit: antwoorden gaan direct het verslag in',
  },
};

const en: typeof nl = {
  review: {
    queueTitle: (waiting: number) =>
      waiting === 0
        ? 'Nothing is waiting for your review'
        : `${waiting} ${waiting === 1 ? 'answer is' : 'answers are'} waiting for your review`,
    queueEmpty: 'Everything has been reviewed. New answers appear in this list by themselves.',
    queueEmptyButOwn: "Others' new answers appear in this list by themselves.",
    ownWaiting: (round: string, waiting: number, withoutReviewer: number) =>
      `In ${round}, ${waiting === 1 ? '1 answer you submitted yourself waits' : `${waiting} answers you submitted yourself wait`} for another reviewer.` +
      (withoutReviewer === 0
        ? ''
        : ` ${
            withoutReviewer === waiting
              ? `Nobody else may review ${waiting === 1 ? 'it' : 'them'}`
              : `Nobody else may review ${withoutReviewer} of them`
          }: ask whoever runs the bot to add a second coordinator (COORDINATORS) or a reviewer for the speerpunt (SPEERPUNT_REVIEWERS).`),
    queueShown: (from: number, to: number) =>
      `Above: ${from === to ? `number ${from}` : `${from} to ${to}`}, oldest first.`,
    queueNext: 'Next',
    onlyInPersonalChat: 'Reviewing works only in your 1:1 chat with me: type **review** there.',
    dailyTitle: (round: string, waiting: number) =>
      `${round}: ${waiting} ${waiting === 1 ? 'answer is' : 'answers are'} waiting for review`,
    dailyText:
      'Type **review** to read them, with what changed, and approve them or send them back. I say this every working day at 09:00 while anything is waiting.',
    queueNextBelow: 'The next ones are below.',
    cardTitle: 'For review',
    submittedBy: (who: string, when: string, version: number) =>
      `Submitted by ${who}, ${when} (version ${version})`,
    changesSinceVersion: (version: number) => `Changes since version ${version}`,
    changesSincePrevious: (round: string) => `Changes since ${round}`,
    changesNone: 'A new answer (there is nothing to compare it with)',
    legend: 'Added text is highlighted, removed text is struck through.',
    unchanged: "The same as last round's answer, or nearly: does it still hold?",
    comment: 'Comment for the owner (required when sending back)',
    commentPlaceholder: 'For example: explain why the delivery date moved.',
    approve: 'Approve',
    sendBack: 'Send back',
    approvedTitle: '✔ Approved',
    sentBackTitle: '↩ Sent back',
    decidedBy: (who: string, when: string) => `By ${who}, ${when}.`,
    alreadyDecided: (who: string, decision: string, when: string) =>
      `${who} has already ${decision} this version (${when}); nothing has been saved.`,
    decisionWord: { approved: 'approved', sentBack: 'sent back' },
    yourComment: 'Your comment (not saved)',
    theirComment: 'Their comment',
    decisionComment: 'Comment',
    ownerSentBack: (who: string, when: string) =>
      `Sent back by ${who} (${when}). Change your text and send it again.`,
    ownerApproved: (who: string, when: string) => `✔ Approved by ${who}, ${when}`,
    ownerSubmitted: '✔ Submitted; waiting for review',
    sentBackNoticeTitle: (project: string) => `${project} was sent back`,
    sentBackNoticeText: (who: string, comment: string, round: string) =>
      `${who} asks: "${comment}" Change your answer for ${round} and send it again: press **Fill in**, or use this project's card above.`,
    state: {
      open: 'not answered yet',
      answered: 'answered',
      submitted: 'submitted',
      approved: 'approved',
      sentBack: 'sent back',
    },
    reviewFact: 'Review',
    awaitingReview: 'submitted, waiting for review',
    stuck: (numbers: string, count: number, submitter: string) =>
      `${numbers} ${count === 1 ? 'waits' : 'wait'} for a review nobody can give: ${submitter} submitted ${count === 1 ? 'it' : 'them'}, and nobody else may review ${count === 1 ? 'it' : 'them'}. Ask whoever runs the bot to add a second coordinator (COORDINATORS) or a reviewer for the speerpunt (SPEERPUNT_REVIEWERS).`,
    roundOn: 'on: a coordinator approves every answer before it goes into the report (**review**)',
    roundOff: 'off: answers go straight into the report',
  },
};

export const reviewTexts = { nl, en };
