/** Delegating a project, and its history: every version, draft, delegation and review decision. */
const nl = {
  delegatedTitle: (project: string) => `${project} is gedelegeerd`,
  delegatedText: (to: string, added: boolean) =>
    added
      ? `${to} mag dit project in deze ronde invullen en krijgt de kaart nu (en de herinneringen). U houdt zelf ook toegang.`
      : `${to} had dit project al; er verandert niets.`,
  delegateUnknownTitle: (to: string) => `${to} is niet te bereiken`,
  delegateFailedTitle: (project: string, to: string) => `De kaart van ${project} kwam niet aan bij ${to}`,
  delegateFailedText: (reason: string, round: string) =>
    `Reden: ${reason}. Het project wacht in ${round} nog op een antwoord: vul het zelf in, of delegeer het aan iemand die de bot wel kan bereiken.`,
  delegateUsage: (number: string) =>
    `Typ **delegeer**, het projectnummer, **aan** en het e-mailadres van de collega, bijvoorbeeld **delegeer ${number} aan j.jansen@gemeente.nl**.`,
  historyTitle: (project: string) => `Geschiedenis van ${project}`,
  historyUsage: (number: string) =>
    `Typ **geschiedenis** en het projectnummer, bijvoorbeeld **geschiedenis ${number}**.`,
  historyEmpty: 'Nog geen antwoord opgeslagen.',
  historyVersion: (version: number, status: string) => `Versie ${version}: ${status}`,
  historyFacts: (who: string, when: string, via: boolean) =>
    `${who}, ${when}${via ? ', via de kaart in de chat' : ''}`,
  historyDraft: (who: string, when: string) => `Concept van ${who}, ${when} (niet verstuurd).`,
  historyDelegation: (when: string) => `gedelegeerd ${when}`,
  historyDecision: (decision: string, who: string, when: string, comment: string) =>
    `${decision[0]?.toUpperCase() ?? ''}${decision.slice(1)} door ${who}, ${when}${comment ? `: "${comment}"` : ''}`,
  deviationPrefix: 'Toelichting: ',
  financialPrefix: 'Financieel: ',
  toFillTitle: 'Uw open projecten',
  toFillIntro: (count: number) =>
    count === 1
      ? 'Dit project wacht op uw stand van zaken. De knop stuurt de kaart opnieuw.'
      : `Deze ${count} projecten wachten op uw stand van zaken. De knop stuurt de kaart van dat project opnieuw.`,
  toFillNone:
    'Er wacht geen project op uw stand van zaken. Typ **invullen** gevolgd door een projectnummer om een kaart toch opnieuw te krijgen.',
  toFillButton: 'Invullen',
  toFillState: { open: 'nog niet ingevuld', concept: 'concept', sentBack: 'teruggestuurd' },
};

const en: typeof nl = {
  delegatedTitle: (project: string) => `${project} has been delegated`,
  delegatedText: (to: string, added: boolean) =>
    added
      ? `${to} may fill in this project in this round and gets the card now (and the reminders). You keep access too.`
      : `${to} had this project already; nothing changes.`,
  delegateUnknownTitle: (to: string) => `${to} cannot be reached`,
  delegateFailedTitle: (project: string, to: string) => `The card for ${project} did not reach ${to}`,
  delegateFailedText: (reason: string, round: string) =>
    `Reason: ${reason}. The project still waits for an answer in ${round}: fill it in yourself, or delegate it to someone the bot can reach.`,
  delegateUsage: (number: string) =>
    `Type **delegate**, the project number, **to** and your colleague's e-mail address, for example **delegate ${number} to j.jansen@example.org**.`,
  historyTitle: (project: string) => `History of ${project}`,
  historyUsage: (number: string) =>
    `Type **history** and the project number, for example **history ${number}**.`,
  historyEmpty: 'No answer stored yet.',
  historyVersion: (version: number, status: string) => `Version ${version}: ${status}`,
  historyFacts: (who: string, when: string, via: boolean) =>
    `${who}, ${when}${via ? ', through the card in the chat' : ''}`,
  historyDraft: (who: string, when: string) => `Draft by ${who}, ${when} (not sent).`,
  historyDelegation: (when: string) => `delegated ${when}`,
  historyDecision: (decision: string, who: string, when: string, comment: string) =>
    `${decision[0]?.toUpperCase() ?? ''}${decision.slice(1)} by ${who}, ${when}${comment ? `: "${comment}"` : ''}`,
  deviationPrefix: 'Explanation: ',
  financialPrefix: 'Financial: ',
  toFillTitle: 'Your open projects',
  toFillIntro: (count: number) =>
    count === 1
      ? 'This project waits for your status update. The button sends its card again.'
      : `These ${count} projects wait for your status update. The button sends that project's card again.`,
  toFillNone:
    'No project waits for your status update. Type **fill in** followed by a project number to get a card again anyway.',
  toFillButton: 'Fill in',
  toFillState: { open: 'not filled in yet', concept: 'draft', sentBack: 'sent back' },
};

export const historyTexts = { nl, en };
