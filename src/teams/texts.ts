import { parseRoundId, type Language, type ProjectStatus, type RoundKind } from '../domain/model';
import type { ReportHeadings } from '../domain/report-format';
import { REPORT_HEADINGS } from '../domain/report-format';

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

/** 1 juli 2021 / 1 July 2021 */
export function formatDate(language: Language, isoDate: string): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** di 22 jun / Tue 22 Jun: short, for lists of dates. */
export function formatShortDate(language: Language, isoDate: string): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** 25-11-2026 10:02 in Amsterdam time, whatever the server's zone. */
export function formatDateTime(language: Language, iso: string): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));
}

/** maandag 7 juni om 09:00 / Monday 7 June at 09:00, in Amsterdam time: when something comes. */
export function formatWeekdayTime(language: Language, iso: string): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));
}

const nl = {
  welcomeTitle: 'Welkom bij Stand van zaken',
  welcomeIntro:
    'Ik vraag projecteigenaren om de stand van zaken van hun projecten, op de momenten van de planning- en controlcyclus, en bewaar elk antwoord.',
  welcomeHow:
    'Als er een ronde opent, krijgt u hier per project een kaart. Vul de stand van zaken in en druk op Versturen: klaar.',
  welcomeHelp: 'Typ **hulp** voor de opdrachten.',
  teamWelcomeTitle: 'Stand van zaken is toegevoegd',
  teamWelcomeText: (members: number) =>
    `Ik ken nu ${members} ${members === 1 ? 'lid' : 'leden'} van dit team. Wie eigenaar is van een project in het register, ` +
    'krijgt de vraag naar de stand van zaken in een 1-op-1-chat met mij; hier in het team stuur ik niets.',
  teamRosterFailed:
    'Ik kon de ledenlijst van dit team niet lezen. Wie de app zelf opent, kan ik wel bereiken; probeer het later opnieuw door mij opnieuw toe te voegen.',
  helpTitle: 'Wat kan ik?',
  helpIntro: 'Typ een van deze opdrachten:',
  helpVersion: (version: string) => `Stand van zaken ${version}`,
  commands: [
    { usage: 'hulp', description: 'Deze lijst.' },
    { usage: 'samenvatting', description: 'Overzicht van de lopende ronde: wie heeft geantwoord, en wat.' },
    {
      usage: 'samenvatting 4.2.3',
      description: 'Eén project over alle rondes, de nieuwste eerst: per ronde de status en het antwoord.',
    },
    {
      usage: 'ronde open voortgangsrapportage 2021 tot 1-7-2021',
      description:
        'Coördinator: opent een ronde (voortgangsrapportage of jaarverslag) en stuurt elke eigenaar een kaart per project. Met `vanaf 7-6-2021` erachter gaan de kaarten pas op die dag uit; met `met beoordeling` of `zonder beoordeling` aan het eind kiest u of antwoorden eerst worden goedgekeurd (standaard alleen bij het jaarverslag).',
    },
    {
      usage: 'beoordelen',
      description:
        'Coördinator of beoordelaar van een speerpunt: de ingediende antwoorden die op u wachten, met wat er veranderd is; goedkeuren of terugsturen met een opmerking.',
    },
    {
      usage: 'status',
      description: 'Coördinator: wie heeft nog niet geantwoord, en wie is niet bereikbaar (en waarom).',
    },
    {
      usage: 'ronde sluit voortgangsrapportage 2021',
      description: 'Coördinator: sluit de ronde; geen herinneringen meer, de antwoorden liggen vast.',
    },
    {
      usage: 'weekoverzicht hier',
      description:
        'Coördinator, in een teamkanaal (met @Stand van zaken ervoor): elke maandag om 09:00 de voortgang van de lopende ronde in dat kanaal. `weekoverzicht uit` stopt het.',
    },
    {
      usage: 'delegeer 4.2.3 aan j.jansen@gemeente.nl',
      description: 'Eigenaar: laat een collega dit project in deze ronde invullen.',
    },
    { usage: 'geschiedenis 4.2.3', description: 'Alle versies van het antwoord: wie, wanneer, wat.' },
    {
      usage: 'voortgangsrapportage 2021',
      description:
        'Coördinator: stelt het hoofdstuk samen (Word en Markdown) en geeft downloadlinks. Ook: `jaarverslag 2021`. Met `definitief` erachter de definitieve versie, of wat die nog tegenhoudt. Met `zonder overzicht` erachter vervalt de tabel aan het begin.',
    },
    {
      usage: '(een bestand sturen)',
      description:
        'Coördinator: stuur het projectregister (.xlsx of .csv) om het in te lezen, de tekst van een eerder verslag (.txt) om er een registerblad van te maken, of het Word-sjabloon van de huisstijl (.dotx of .docx): het hoofdstuk krijgt dan de opmaakprofielen daarvan.',
    },
    {
      usage: 'huisstijl',
      description:
        'Coördinator: welk huisstijlsjabloon het hoofdstuk gebruikt. `huisstijl verwijderen`: weer de eenvoudige standaardopmaak.',
    },
    { usage: 'taal en', description: 'Switch to English (taal nl: terug naar Nederlands).' },
  ],
  speerpunt: 'Speerpunt',
  status: 'Status',
  statusRequired: 'Kies een status.',
  answerRequired: 'Vul de stand van zaken in.',
  answerPlaceholder: 'Wat is er bereikt, wat loopt anders dan gepland, en waarom?',
  achieved: 'Bereikt?',
  achievedChoices: [
    { title: 'Ja', value: 'ja' },
    { title: 'Deels', value: 'deels' },
    { title: 'Nee', value: 'nee' },
  ],
  achievedRequired: 'Geef aan of het doel is bereikt.',
  deviation: 'Toelichting op een afwijking (optioneel)',
  deviationHeading: 'Toelichting op een afwijking',
  deviationHint:
    'Bijvoorbeeld een verschoven datum of een plan dat stilligt; dit wordt een voetnoot in de rapportage.',
  financial: 'Financiële toelichting (optioneel)',
  financialHeading: 'Financiële toelichting',
  financialHint: 'Bijvoorbeeld extra budget dat is aangevraagd.',
  place: 'De voetnoot hoort bij de woorden (optioneel)',
  placeHint: 'Woorden uit uw antwoord; leeg: aan het eind',
  placeShown: (words: string) => `Voetnoot na de woorden ‘${words}’`,
  placeAfter: (words: string) => `voetnoot na de woorden ‘${words}’`,
  completion: 'Verwachte afronding (optioneel)',
  quarter: 'Kwartaal',
  year: 'Jaar',
  problems: {
    required: 'Dit veld is verplicht.',
    'too-long': (limit: number) => `Te lang: maximaal ${limit.toLocaleString('nl-NL')} tekens.`,
    invalid: 'Deze waarde kan niet; kies uit de lijst.',
    completion: 'Kies een kwartaal én een jaar, of laat beide leeg.',
    'not-in-answer':
      'Deze woorden staan niet in uw antwoord. Neem ze letterlijk over uit het antwoord, of laat het veld leeg: dan komt de voetnoot aan het eind.',
    'no-note': 'Er is geen toelichting om hier te plaatsen. Vul de toelichting in, of laat dit veld leeg.',
  },
  saveDraft: 'Opslaan als concept',
  draftSaved: (when: string) => `Concept opgeslagen (${when}). Nog niet verstuurd: dat doet u met Versturen.`,
  fromDraft: (who: string, when: string) => `Dit is het concept van ${who} van ${when}; nog niet verstuurd.`,
  fromPrevious: (round: string) => `Vooringevuld met het antwoord uit ${round}. Pas het aan waar nodig.`,
  fromPublished: (round: string) =>
    `Vooringevuld met de tekst uit ${round} zoals die is gepubliceerd. Pas hem aan waar nodig en kies de status opnieuw.`,
  conflictTitle: 'Nieuwer antwoord, opgeslagen door iemand anders',
  conflictBy: (who: string, when: string) => `${who}, ${when}:`,
  storeUnavailable:
    'Niet opgeslagen: de opslag is even niet bereikbaar. Uw tekst staat hieronder nog; probeer het zo opnieuw.',
  readOnlyNote: 'Alleen de eigenaar van het project kan dit invullen.',
  unknownCard: 'Deze kaart hoort bij een ronde of project dat niet (meer) bestaat.',
  delegatedTitle: (project: string) => `${project} is gedelegeerd`,
  delegatedText: (to: string, added: boolean) =>
    added
      ? `${to} mag dit project in deze ronde invullen en krijgt de kaart nu (en de herinneringen). U houdt zelf ook toegang.`
      : `${to} had dit project al; er verandert niets.`,
  delegateUsage: 'Gebruik: `delegeer 4.2.3 aan j.jansen@gemeente.nl`.',
  historyTitle: (project: string) => `Geschiedenis van ${project}`,
  historyUsage: 'Gebruik: `geschiedenis 4.2.3`.',
  historyEmpty: 'Nog geen antwoord opgeslagen.',
  historyVersion: (version: number, status: string) => `Versie ${version}: ${status}`,
  historyFacts: (who: string, when: string, via: boolean) =>
    `${who}, ${when}${via ? ', via de kaart in de chat' : ''}`,
  historyDraft: (who: string, when: string) => `Concept van ${who}, ${when} (niet verstuurd).`,
  historyDelegation: (when: string) => `gedelegeerd ${when}`,
  historyDecision: (decision: string, who: string, when: string, comment: string) =>
    `${decision[0]?.toUpperCase() ?? ''}${decision.slice(1)} door ${who}, ${when}${comment ? `: "${comment}"` : ''}`,
  documentReviewed: (flagged: readonly string[]) =>
    'Alleen goedgekeurde antwoorden staan erin.' +
    (flagged.length > 0
      ? ` Nog niet (of niet in de nieuwste versie) goedgekeurd, gemarkeerd: ${flagged.join(', ')}.`
      : ''),
  finalBlockedTitle: (round: string) => `${round}: de definitieve versie kan nog niet`,
  finalBlockedText: (count: number) =>
    `${count} ${count === 1 ? 'project houdt' : 'projecten houden'} de definitieve versie tegen. Vraag het concept op (zonder \`definitief\`) om te zien hoe het er nu uitziet.`,
  blockerReason: {
    missing: 'geen antwoord',
    notApproved: 'nog niets goedgekeurd',
    newerPending: 'nieuwere versie wacht op beoordeling',
  },
  deviationPrefix: 'Toelichting: ',
  documentTitle: (round: string, final?: boolean) => `${round}: het hoofdstuk${final ? ' (definitief)' : ''}`,
  documentCover: (answered: number, total: number, footnotes: number) =>
    `${answered} van ${total} projecten beantwoord; ${footnotes} ${footnotes === 1 ? 'voetnoot' : 'voetnoten'}. ` +
    'Samengesteld uit de antwoorden zoals ze nu zijn opgeslagen.',
  documentMissing: (numbers: readonly string[]) =>
    `Nog zonder antwoord (gemarkeerd in het document): ${numbers.join(', ')}.`,
  documentExpires: (when: string) => `De links werken tot ${when}; vraag daarna een nieuwe.`,
  documentDocx: 'Word (.docx)',
  documentMd: 'Markdown (.md)',
  documentUsage: 'Gebruik: `jaarverslag 2021` of `voortgangsrapportage 2021`.',
  documentHouseTemplate: (file: string) => `Het Word-bestand krijgt de huisstijl uit ${file}.`,
  templateStoredTitle: (file: string) => `Huisstijl ingesteld: ${file}`,
  templateStoredText: (replaced: string | undefined) =>
    'Het volgende hoofdstuk dat u samenstelt, krijgt in Word de opmaakprofielen uit dit sjabloon.' +
    (replaced ? ` Het vervangt ${replaced}.` : '') +
    ' Wat er niet in staat, houdt de eenvoudige standaardopmaak. Verwijderen: typ `huisstijl verwijderen`.',
  templateRefusedTitle: (file: string) => `Huisstijl niet ingesteld: ${file}`,
  templateKept: (current: string | undefined) =>
    current ? `De huisstijl uit ${current} blijft in gebruik.` : 'Er is niets opgeslagen.',
  templateRoles: {
    heading1: 'Kop 1 (hoofdstuk)',
    heading2: 'Kop 2 (speerpunt)',
    heading3: 'Kop 3 (project)',
    footnoteText: 'Voetnoottekst',
    footnoteReference: 'Voetnootmarkering',
    table: 'Tabel (overzicht)',
    theme: 'Lettertypen en kleuren (thema)',
  },
  templateFromFile: 'uit het sjabloon',
  templatePlain: 'niet in het sjabloon: eenvoudige standaardopmaak',
  templateCurrentTitle: (file: string) => `Huisstijl: ${file}`,
  templateCurrentText: (who: string, when: string) =>
    `Ingesteld door ${who} op ${when}. Elk hoofdstuk in Word krijgt de opmaakprofielen uit dit sjabloon. Een ander sjabloon instellen: stuur het hier (.dotx of .docx). Verwijderen: \`huisstijl verwijderen\`.`,
  templateNoneTitle: 'Geen huisstijl ingesteld',
  templateNoneText:
    'Het hoofdstuk krijgt in Word de eenvoudige standaardopmaak. Stuur het Word-sjabloon van uw organisatie (.dotx of .docx) in deze chat om de huisstijl in te stellen.',
  templateRemovedTitle: (file: string) => `Huisstijl verwijderd: ${file}`,
  templateRemovedText: 'Het volgende hoofdstuk krijgt in Word weer de eenvoudige standaardopmaak.',
  foreignTenantTitle: 'Niet voor uw organisatie',
  foreignTenantText:
    'Deze bot werkt alleen voor medewerkers van de organisatie die hem heeft geïnstalleerd. Er is niets opgeslagen.',
  fileUnsupportedTitle: 'Dit bestand lees ik niet',
  fileUnsupportedText:
    'Stuur het projectregister als .xlsx of .csv (kolommen nummer, titel, speerpunt, eigenaar, wat willen we bereiken, wat willen we ervoor doen, jaar), de tekst van een eerder verslag als .txt, of het huisstijlsjabloon als .dotx of .docx.',
  fileOnlyInPersonalChat: 'Stuur bestanden in de 1-op-1-chat met mij.',
  fileFailedTitle: (name: string) => `${name} niet opgehaald`,
  fileFailedText: (reason: string) =>
    ({
      'too-large':
        'Het bestand is te groot (een register mag 5 MB zijn, een verslagtekst 1 MB, een huisstijlsjabloon 10 MB).',
      timeout: 'Het ophalen duurde te lang. Probeer het over een paar minuten nog eens.',
      'http-status': 'Teams gaf het bestand niet (meer) vrij. Stuur het opnieuw.',
    })[reason] ?? 'Dit bestand kan ik niet ophalen. Stuur het opnieuw vanuit de chat met mij.',
  importTitle: (name: string) => `Register ingelezen uit ${name}`,
  importFailedTitle: (name: string) => `Register niet ingelezen uit ${name}`,
  importCounts: (added: number, changed: number, unchanged: number) =>
    `${added} nieuw, ${changed} gewijzigd, ${unchanged} ongewijzigd.`,
  importProblems: (count: number) =>
    `${count} ${count === 1 ? 'fout' : 'fouten'}; er is niets opgeslagen. Verbeter het bestand en stuur het opnieuw.`,
  importAdded: 'nieuw',
  importChanged: (fields: string) => `gewijzigd: ${fields}`,
  importMore: (count: number) => `… en nog ${count}.`,
  importNext: (kind: RoundKind, year: number) =>
    `Open daarna een ronde, bijvoorbeeld \`ronde open ${kind} ${year} tot ${kind === 'jaarverslag' ? `1-3-${year + 1}` : `1-7-${year}`}\`.`,
  importPublished: (count: number, round: string, next: string) =>
    `${count} ${count === 1 ? 'gepubliceerd antwoord' : 'gepubliceerde antwoorden'} uit ${round} bewaard: daarmee wordt ${next} vooringevuld.`,
  importWithoutRound: (count: number) =>
    `${count === 1 ? 'Eén gepubliceerd antwoord is' : `${count} gepubliceerde antwoorden zijn`} niet bewaard: de kolom ‘gepubliceerd in’ is leeg.`,
  draftTitle: (count: number, name: string) =>
    `${count} ${count === 1 ? 'project' : 'projecten'} herkend in ${name}`,
  draftIntro:
    'Er is nog niets opgeslagen. Download het registerblad, vul per project de eigenaar (e-mailadres) in, controleer de gele kolommen en stuur het blad hier terug: dan lees ik het in als register.',
  draftKind: (round: string, next: string, answers: number) =>
    `Dit is ${round}. ${answers === 1 ? 'Het gepubliceerde antwoord gaat' : `De ${answers} gepubliceerde antwoorden gaan`} mee in het blad en worden de vooringevulde tekst van ${next}. Klopt soort of jaar niet, pas dan de kolommen ‘gepubliceerd in’ en ‘jaar’ aan.`,
  draftKindOnly: (kind: RoundKind) =>
    `Dit lijkt ${kind === 'jaarverslag' ? 'een jaarverslag' : 'een voortgangsrapportage'}, maar het jaar staat niet in de tekst. Vul in het blad ‘gepubliceerd in’ aan (bijvoorbeeld ‘${kind} 2022’) en het jaar van de projecten; zonder ‘gepubliceerd in’ worden de gepubliceerde antwoorden niet bewaard.`,
  draftKindUnknown:
    'Welk verslag dit is, staat niet in de tekst. Vul in het blad ‘gepubliceerd in’ aan (bijvoorbeeld ‘jaarverslag 2022’) en het jaar van de projecten; zonder ‘gepubliceerd in’ worden de gepubliceerde antwoorden niet bewaard.',
  draftUnplaced: (count: number) =>
    count === 1
      ? 'Eén stuk tekst kon ik niet bij een project plaatsen. Kijk of het in het blad hoort:'
      : `${count} stukken tekst kon ik niet bij een project plaatsen. Kijk of ze in het blad horen:`,
  draftLines: (from: number, to: number) => (from === to ? `regel ${from}: ` : `regels ${from}–${to}: `),
  draftMissing: (fields: string) => `ontbreekt: ${fields}`,
  draftDownload: 'Registerblad (.xlsx)',
  draftExpires: (when: string) => `De link werkt tot ${when}; stuur het verslag opnieuw voor een nieuwe.`,
  financialPrefix: 'Financieel: ',
  notAnsweredYet: 'Nog niet ingevuld.',
  showMore: 'Meer tonen',
  showLess: 'Minder tonen',
  send: 'Versturen',
  snooze: 'Herinner me morgen',
  notMine: 'Niet mijn project',
  snoozed: (when: string) => `Goed, ik herinner u ${when} opnieuw.`,
  notMineNoted: 'De coördinator weet nu dat dit niet uw project is.',
  notMineNotice: (name: string, project: string) => `${name} meldt: ${project} is niet mijn project.`,
  notMineText: (round: string) =>
    `Gemeld vanaf de herinnering voor de ${round}. Wijs het project toe aan de juiste eigenaar.`,
  edit: 'Wijzigen',
  deadline: (date: string) => `Graag uiterlijk ${date} invullen.`,
  stored: '✔ Opgeslagen',
  savedBy: 'Door',
  savedAt: 'Op',
  version: 'Versie',
  summaryTitle: (round: string) => `Samenvatting ${round}`,
  summaryProgress: (answered: number, total: number) => `${answered} van ${total} projecten beantwoord.`,
  summaryDeadline: (date: string) => `Deadline: ${date}.`,
  summaryAbout: (round: string, about: string) => `Samenvatting ${round}: ${about}`,
  summaryOwn: 'Alleen uw eigen projecten; coördinatoren en lezers zien alles.',
  summaryPage: (page: number, pages: number) => `Pagina ${page} van ${pages}.`,
  projectSummarySubtitle: 'Stand van zaken per ronde, de nieuwste eerst',
  projectSummaryProgress: (answered: number, total: number) =>
    `Beantwoord in ${answered} van ${total} ${total === 1 ? 'ronde' : 'rondes'}.`,
  projectSummaryOwn:
    'Alleen de rondes waarin dit project van u was of aan u was gedelegeerd; coördinatoren en lezers zien alles.',
  projectSummaryRound: (round: string, open: boolean) => `${round} · ${open ? 'open' : 'gesloten'}`,
  noAnswer: 'Geen antwoord',
  expectedCompletion: 'Verwachte afronding',
  answeredBy: (who: string, when: string, versions: number) =>
    `${who}, ${when}${versions > 1 ? ` (versie ${versions})` : ''}`,
  clippedCurrent: (number: string) =>
    `Tekst ingekort; de volledige tekst en alle versies: \`geschiedenis ${number}\`.`,
  clippedOther: (round: string) =>
    `Tekst ingekort; de volledige tekst staat in het hoofdstuk van de ${round}.`,
  previous: 'Vorige',
  next: 'Volgende',
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
    (unreachable > 0 ? `; ${unreachable} keer is een eigenaar niet bereikbaar.` : '.'),
  ownerOpen: (name: string) => `${name}: nog niet ingevuld`,
  ownerSentBack: (name: string) => `${name}: teruggestuurd, nog niet opnieuw ingediend`,
  statusReview: (submitted: number, approved: number, sentBack: number) =>
    `Beoordeling: ${submitted} ingediend (wacht op beoordeling, \`beoordelen\`), ${approved} goedgekeurd, ${sentBack} teruggestuurd.`,
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
  closeUsage: 'Gebruik: `ronde sluit voortgangsrapportage 2021` (of `jaarverslag`).',
  deadlineFact: 'Deadline',
  projectsFact: 'Projecten',
  remindersFact: 'Herinneringen',
  remindersValue: (dates: string) => `${dates}, om 09:00, aan wie nog niet heeft geantwoord`,
  noReminders: 'geen',
  digestFact: 'Na de deadline',
  digestValue: 'elke werkdag een overzicht van wat ontbreekt, aan u',
  reminderBanner: (date: string) =>
    `Herinnering: de deadline is ${date}. Wilt u de stand van zaken nog invullen?`,
  digestTitle: (round: string) => `Nog niet ingevuld: ${round}`,
  digestText: (missing: number, total: number, deadline: string) =>
    `${missing} van ${total} projecten hebben nog geen antwoord; de deadline was ${deadline}.`,
  weeklyTitle: (round: string) => `Weekoverzicht ${round}`,
  weeklyAsOf: (when: string, deadline: string, passed: boolean) =>
    passed ? `Stand van ${when}. De deadline was ${deadline}.` : `Stand van ${when}. Deadline: ${deadline}.`,
  weeklyProgress: (answered: number, total: number, percent: number) =>
    `${answered} van ${total} projecten beantwoord (${percent}%)`,
  weeklyMissing: (count: number) => `Nog zonder antwoord (${count}):`,
  weeklyMore: (count: number) => ` … en nog ${count}`,
  weeklyAllAnswered: 'Alle projecten zijn beantwoord.',
  weeklyHint: 'Typ **samenvatting** in de 1-op-1-chat met mij voor de stand per project.',
  weeklyOnTitle: 'Het weekoverzicht staat aan',
  weeklyAlreadyOnTitle: 'Het weekoverzicht stond al aan',
  weeklyOnText: (first: string | undefined) =>
    'Elke maandag om 09:00 (na een feestdag op de eerste werkdag) plaats ik hier hoe ver de lopende ronde is: ' +
    'hoeveel projecten zijn beantwoord, per status, en welke nog niet (alleen projectnummers, geen namen). ' +
    (first
      ? `Het eerste overzicht komt ${first}. `
      : 'Er is nu geen ronde open; het eerste overzicht komt in de eerste week dat er een open is. ') +
    'Met **weekoverzicht uit** stopt het.',
  weeklyStoppedTitle: (channel: string) => `Het weekoverzicht in ${channel || 'het teamkanaal'} is gestopt`,
  weeklyStoppedText: (reason: string) =>
    `Ik kon het weekoverzicht daar niet plaatsen (${reason}) en plaats het er niet meer. ` +
    'Voeg de app weer aan het team toe en typ in het kanaal **@Stand van zaken weekoverzicht hier** om het weer aan te zetten.',
  weeklyOffTitle: 'Het weekoverzicht staat uit',
  weeklyOffText: 'Ik plaats hier geen weekoverzicht meer. Met **weekoverzicht hier** zet u het weer aan.',
  weeklyWasOffTitle: 'Er was hier geen weekoverzicht',
  weeklyWasOffText: 'Dit kanaal kreeg geen weekoverzicht; er verandert niets.',
  weeklyChannelOnly:
    'Het weekoverzicht komt in een teamkanaal. Typ in het kanaal waar het moet komen **@Stand van zaken weekoverzicht hier** (de app moet aan het team zijn toegevoegd).',
  weeklyUsage: 'Gebruik, in het teamkanaal: **weekoverzicht hier** of **weekoverzicht uit**.',
  unknownCommandTitle: 'Dat begrijp ik niet.',
  unknownCommandText: 'Typ **hulp** voor de opdrachten die ik ken.',
  roundUsage: 'Gebruik: `ronde open voortgangsrapportage 2021 tot 1-7-2021` (of `jaarverslag`).',
  languageSet: 'Ik spreek vanaf nu Nederlands met u.',
  refusedTitle: 'Dat kan niet',
  failureTitle: 'Er ging iets mis',
  failureText: 'Er ging aan mijn kant iets mis. Probeer het over een paar minuten opnieuw.',
  unexpectedCardError: 'Er ging iets mis bij het opslaan. Uw tekst staat hieronder nog; probeer het opnieuw.',
  review: {
    queueTitle: (waiting: number) =>
      waiting === 0
        ? 'Er wacht niets op uw beoordeling'
        : `${waiting} ${waiting === 1 ? 'antwoord wacht' : 'antwoorden wachten'} op uw beoordeling`,
    queueEmpty: 'Alles is beoordeeld. Nieuwe antwoorden komen vanzelf in deze lijst.',
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
      `${who} vraagt: "${comment}" Pas uw antwoord voor de ${round} aan in de kaart van dit project hierboven en verstuur het opnieuw.`,
    state: {
      open: 'nog niet ingevuld',
      answered: 'ingevuld',
      submitted: 'ingediend',
      approved: 'goedgekeurd',
      sentBack: 'teruggestuurd',
    },
    reviewFact: 'Beoordeling',
    awaitingReview: 'ingediend, wacht op beoordeling',
    roundOn: 'aan: een coördinator keurt elk antwoord goed voor het in het verslag komt (`beoordelen`)',
    roundOff: 'uit: antwoorden gaan direct het verslag in',
  },
};

export type Texts = typeof nl;

const en: Texts = {
  welcomeTitle: 'Welcome to Stand van zaken',
  welcomeIntro:
    'I ask project owners for the status of their projects at the moments of the planning and control cycle, and keep every answer.',
  welcomeHow:
    'When a round opens you get a card here for each of your projects. Fill in the status and press Send: done.',
  welcomeHelp: 'Type **help** for the commands.',
  teamWelcomeTitle: 'Stand van zaken has been added',
  teamWelcomeText: (members: number) =>
    `I now know ${members} ${members === 1 ? 'member' : 'members'} of this team. Owners of a project in the register ` +
    'get asked for the status of their projects in a 1:1 chat with me; I post nothing here in the team.',
  teamRosterFailed:
    'I could not read the member list of this team. People who open the app themselves can still be reached; try again later by adding me again.',
  helpTitle: 'What can I do?',
  helpIntro: 'Type one of these commands:',
  helpVersion: (version: string) => `Stand van zaken ${version}`,
  commands: [
    { usage: 'help', description: 'This list.' },
    { usage: 'summary', description: 'Overview of the current round: who answered, and what.' },
    {
      usage: 'summary 4.2.3',
      description: 'One project over every round, newest first: per round the status and the answer.',
    },
    {
      usage: 'round open voortgangsrapportage 2021 until 2021-07-01',
      description:
        'Coordinator: opens a round (voortgangsrapportage or jaarverslag) and sends every owner a card per project. Add `from 2021-06-07` to send the cards only from that day; end with `with review` or `without review` to choose whether answers are approved first (by default only in the jaarverslag).',
    },
    {
      usage: 'review',
      description:
        'Coordinator or reviewer of a focus area: the submitted answers waiting for you, with what changed; approve, or send back with a comment.',
    },
    {
      usage: 'status',
      description: 'Coordinator: who has not answered yet, and who cannot be reached (and why).',
    },
    {
      usage: 'round close voortgangsrapportage 2021',
      description: 'Coordinator: closes the round; no more reminders, the answers are final.',
    },
    {
      usage: 'weekly digest here',
      description:
        'Coordinator, in a team channel (after @Stand van zaken): every Monday at 09:00 the progress of the current round in that channel. `weekly digest off` stops it.',
    },
    {
      usage: 'delegate 4.2.3 to j.jansen@example.org',
      description: 'Owner: let a colleague fill in this project in this round.',
    },
    { usage: 'history 4.2.3', description: 'Every version of the answer: who, when, what.' },
    {
      usage: 'voortgangsrapportage 2021',
      description:
        'Coordinator: compiles the chapter (Word and Markdown) and gives download links. Also: `jaarverslag 2021`. Add `final` for the final version, or what still stands in its way. Add `without overview` to leave out the table at the start.',
    },
    {
      usage: '(send a file)',
      description:
        'Coordinator: send the project register (.xlsx or .csv) to import it, the text of an earlier report (.txt) to turn it into a register sheet, or the house style Word template (.dotx or .docx): the chapter then takes its styles.',
    },
    {
      usage: 'template',
      description:
        'Coordinator: which house template the chapter uses. `remove template`: back to the plain default layout.',
    },
    { usage: 'language nl', description: 'Schakel naar Nederlands (language en: back to English).' },
  ],
  speerpunt: 'Focus area',
  status: 'Status',
  statusRequired: 'Please choose a status.',
  answerRequired: 'Please fill in the status.',
  answerPlaceholder: 'What has been achieved, what differs from the plan, and why?',
  achieved: 'Achieved?',
  achievedChoices: [
    { title: 'Yes', value: 'ja' },
    { title: 'Partly', value: 'deels' },
    { title: 'No', value: 'nee' },
  ],
  achievedRequired: 'Please say whether the goal was achieved.',
  deviation: 'Explanation of a deviation (optional)',
  deviationHeading: 'Explanation of a deviation',
  deviationHint: 'For example a date that moved or a plan on hold; this becomes a footnote in the report.',
  financial: 'Financial note (optional)',
  financialHeading: 'Financial note',
  financialHint: 'For example extra budget that was asked for.',
  place: 'The footnote belongs after the words (optional)',
  placeHint: 'Words from your answer; empty: at the end',
  placeShown: (words: string) => `Footnote after the words “${words}”`,
  placeAfter: (words: string) => `footnote after the words “${words}”`,
  completion: 'Expected completion (optional)',
  quarter: 'Quarter',
  year: 'Year',
  problems: {
    required: 'This field is required.',
    'too-long': (limit: number) => `Too long: at most ${limit.toLocaleString('en-GB')} characters.`,
    invalid: 'This value is not possible; choose from the list.',
    completion: 'Choose a quarter and a year, or leave both empty.',
    'not-in-answer':
      'These words are not in your answer. Copy them exactly from the answer, or leave the field empty: the footnote then goes at the end.',
    'no-note': 'There is no note to place here. Fill in the note, or leave this field empty.',
  },
  saveDraft: 'Save as draft',
  draftSaved: (when: string) => `Draft saved (${when}). Not sent yet: Send does that.`,
  fromDraft: (who: string, when: string) => `This is the draft of ${who} of ${when}; not sent yet.`,
  fromPrevious: (round: string) => `Pre-filled with the answer from ${round}. Change it where needed.`,
  fromPublished: (round: string) =>
    `Pre-filled with the text from ${round} as it was published. Change it where needed and choose the status again.`,
  conflictTitle: 'A newer answer, saved by someone else',
  conflictBy: (who: string, when: string) => `${who}, ${when}:`,
  storeUnavailable:
    'Not saved: storage cannot be reached just now. Your text is still below; please try again shortly.',
  readOnlyNote: 'Only the owner of the project can fill this in.',
  unknownCard: 'This card belongs to a round or project that does not exist (any more).',
  delegatedTitle: (project: string) => `${project} has been delegated`,
  delegatedText: (to: string, added: boolean) =>
    added
      ? `${to} may fill in this project in this round and gets the card now (and the reminders). You keep access too.`
      : `${to} had this project already; nothing changes.`,
  delegateUsage: 'Usage: `delegate 4.2.3 to j.jansen@example.org`.',
  historyTitle: (project: string) => `History of ${project}`,
  historyUsage: 'Usage: `history 4.2.3`.',
  historyEmpty: 'No answer stored yet.',
  historyVersion: (version: number, status: string) => `Version ${version}: ${status}`,
  historyFacts: (who: string, when: string, via: boolean) =>
    `${who}, ${when}${via ? ', through the card in the chat' : ''}`,
  historyDraft: (who: string, when: string) => `Draft by ${who}, ${when} (not sent).`,
  historyDelegation: (when: string) => `delegated ${when}`,
  historyDecision: (decision: string, who: string, when: string, comment: string) =>
    `${decision[0]?.toUpperCase() ?? ''}${decision.slice(1)} by ${who}, ${when}${comment ? `: "${comment}"` : ''}`,
  documentReviewed: (flagged: readonly string[]) =>
    'Only approved answers are in it.' +
    (flagged.length > 0
      ? ` Not (or not in their newest version) approved yet, marked: ${flagged.join(', ')}.`
      : ''),
  finalBlockedTitle: (round: string) => `${round}: the final version is not possible yet`,
  finalBlockedText: (count: number) =>
    `${count} ${count === 1 ? 'project stands' : 'projects stand'} in the way of the final version. Ask for the draft (without \`final\`) to see how it looks now.`,
  blockerReason: {
    missing: 'no answer',
    notApproved: 'nothing approved yet',
    newerPending: 'newer version awaiting review',
  },
  deviationPrefix: 'Explanation: ',
  documentTitle: (round: string, final?: boolean) => `${round}: the chapter${final ? ' (final)' : ''}`,
  documentCover: (answered: number, total: number, footnotes: number) =>
    `${answered} of ${total} projects answered; ${footnotes} ${footnotes === 1 ? 'footnote' : 'footnotes'}. ` +
    'Compiled from the answers as they are stored now.',
  documentMissing: (numbers: readonly string[]) =>
    `Still without an answer (marked in the document): ${numbers.join(', ')}.`,
  documentExpires: (when: string) => `The links work until ${when}; ask for new ones after that.`,
  documentDocx: 'Word (.docx)',
  documentMd: 'Markdown (.md)',
  documentUsage: 'Usage: `jaarverslag 2021` or `voortgangsrapportage 2021`.',
  documentHouseTemplate: (file: string) => `The Word file takes the house style of ${file}.`,
  templateStoredTitle: (file: string) => `House template set: ${file}`,
  templateStoredText: (replaced: string | undefined) =>
    'The next chapter you compile takes the styles of this template in Word.' +
    (replaced ? ` It replaces ${replaced}.` : '') +
    ' What it does not have keeps the plain default layout. To remove it, type `remove template`.',
  templateRefusedTitle: (file: string) => `House template not set: ${file}`,
  templateKept: (current: string | undefined) =>
    current ? `The house template from ${current} stays in use.` : 'Nothing has been stored.',
  templateRoles: {
    heading1: 'Heading 1 (chapter)',
    heading2: 'Heading 2 (focus area)',
    heading3: 'Heading 3 (project)',
    footnoteText: 'Footnote text',
    footnoteReference: 'Footnote reference',
    table: 'Table (overview)',
    theme: 'Fonts and colours (theme)',
  },
  templateFromFile: 'from the template',
  templatePlain: 'not in the template: plain default',
  templateCurrentTitle: (file: string) => `House template: ${file}`,
  templateCurrentText: (who: string, when: string) =>
    `Set by ${who} on ${when}. Every chapter in Word takes the styles of this template. To set another, send it here (.dotx or .docx). To remove it: \`remove template\`.`,
  templateNoneTitle: 'No house template set',
  templateNoneText:
    "The chapter gets the plain default layout in Word. Send your organisation's Word template (.dotx or .docx) in this chat to set the house style.",
  templateRemovedTitle: (file: string) => `House template removed: ${file}`,
  templateRemovedText: 'The next chapter gets the plain default layout in Word again.',
  foreignTenantTitle: 'Not for your organisation',
  foreignTenantText:
    'This bot only works for staff of the organisation that installed it. Nothing has been stored.',
  fileUnsupportedTitle: 'I cannot read this file',
  fileUnsupportedText:
    'Send the project register as .xlsx or .csv (columns nummer, titel, speerpunt, eigenaar, wat willen we bereiken, wat willen we ervoor doen, jaar), the text of an earlier report as .txt, or the house template as .dotx or .docx.',
  fileOnlyInPersonalChat: 'Send files in your 1:1 chat with me.',
  fileFailedTitle: (name: string) => `Could not fetch ${name}`,
  fileFailedText: (reason: string) =>
    ({
      'too-large':
        'The file is too large (a register may be 5 MB, a report text 1 MB, a house template 10 MB).',
      timeout: 'Fetching it took too long. Please try again in a few minutes.',
      'http-status': 'Teams did not (or no longer) release the file. Please send it again.',
    })[reason] ?? 'I cannot fetch this file. Please send it again from your chat with me.',
  importTitle: (name: string) => `Register imported from ${name}`,
  importFailedTitle: (name: string) => `Register not imported from ${name}`,
  importCounts: (added: number, changed: number, unchanged: number) =>
    `${added} new, ${changed} changed, ${unchanged} unchanged.`,
  importProblems: (count: number) =>
    `${count} ${count === 1 ? 'problem' : 'problems'}; nothing has been saved. Correct the file and send it again.`,
  importAdded: 'new',
  importChanged: (fields: string) => `changed: ${fields}`,
  importMore: (count: number) => `… and ${count} more.`,
  importNext: (kind: RoundKind, year: number) =>
    `Then open a round, for example \`round open ${kind} ${year} by ${kind === 'jaarverslag' ? `1-3-${year + 1}` : `1-7-${year}`}\`.`,
  importPublished: (count: number, round: string, next: string) =>
    `${count} published ${count === 1 ? 'answer' : 'answers'} from ${round} kept: ${next} will be pre-filled with ${count === 1 ? 'it' : 'them'}.`,
  importWithoutRound: (count: number) =>
    `${count === 1 ? 'One published answer was' : `${count} published answers were`} not kept: the column ‘gepubliceerd in’ is empty.`,
  draftTitle: (count: number, name: string) =>
    `${count} ${count === 1 ? 'project' : 'projects'} recognised in ${name}`,
  draftIntro:
    'Nothing has been saved yet. Download the register sheet, fill in the owner (e-mail address) of each project, check the yellow columns and send the sheet back here: I will import it as the register.',
  draftKind: (round: string, next: string, answers: number) =>
    `This is ${round}. ${answers === 1 ? 'Its published answer goes' : `Its ${answers} published answers go`} into the sheet and become the pre-filled text of ${next}. If the kind or year is wrong, change the columns ‘gepubliceerd in’ and ‘jaar’.`,
  draftKindOnly: (kind: RoundKind) =>
    `This looks like ${kind === 'jaarverslag' ? 'an annual report' : 'a progress report'}, but the text does not give the year. Fill in ‘gepubliceerd in’ in the sheet (for example ‘${kind} 2022’) and the projects' year; without ‘gepubliceerd in’ the published answers are not kept.`,
  draftKindUnknown:
    "The text does not say which report this is. Fill in ‘gepubliceerd in’ in the sheet (for example ‘jaarverslag 2022’) and the projects' year; without ‘gepubliceerd in’ the published answers are not kept.",
  draftUnplaced: (count: number) =>
    count === 1
      ? 'One stretch of text could not be placed with a project. See whether it belongs in the sheet:'
      : `${count} stretches of text could not be placed with a project. See whether they belong in the sheet:`,
  draftLines: (from: number, to: number) => (from === to ? `line ${from}: ` : `lines ${from}–${to}: `),
  draftMissing: (fields: string) => `missing: ${fields}`,
  draftDownload: 'Register sheet (.xlsx)',
  draftExpires: (when: string) => `The link works until ${when}; send the report again for a new one.`,
  financialPrefix: 'Financial: ',
  notAnsweredYet: 'Not answered yet.',
  showMore: 'Show more',
  showLess: 'Show less',
  send: 'Send',
  snooze: 'Remind me tomorrow',
  notMine: 'Not my project',
  snoozed: (when: string) => `All right, I will remind you again ${when}.`,
  notMineNoted: 'The coordinator now knows this is not your project.',
  notMineNotice: (name: string, project: string) => `${name} reports: ${project} is not my project.`,
  notMineText: (round: string) =>
    `Reported from the reminder for the ${round}. Please assign the project to its owner.`,
  edit: 'Edit',
  deadline: (date: string) => `Please answer by ${date}.`,
  stored: '✔ Saved',
  savedBy: 'By',
  savedAt: 'At',
  version: 'Version',
  summaryTitle: (round: string) => `Summary ${round}`,
  summaryProgress: (answered: number, total: number) => `${answered} of ${total} projects answered.`,
  summaryDeadline: (date: string) => `Deadline: ${date}.`,
  summaryAbout: (round: string, about: string) => `Summary ${round}: ${about}`,
  summaryOwn: 'Only your own projects; coordinators and readers see all.',
  summaryPage: (page: number, pages: number) => `Page ${page} of ${pages}.`,
  projectSummarySubtitle: 'Status per round, newest first',
  projectSummaryProgress: (answered: number, total: number) =>
    `Answered in ${answered} of ${total} ${total === 1 ? 'round' : 'rounds'}.`,
  projectSummaryOwn:
    'Only the rounds in which this project was yours or delegated to you; coordinators and readers see all.',
  projectSummaryRound: (round: string, open: boolean) => `${round} · ${open ? 'open' : 'closed'}`,
  noAnswer: 'No answer',
  expectedCompletion: 'Expected completion',
  answeredBy: (who: string, when: string, versions: number) =>
    `${who}, ${when}${versions > 1 ? ` (version ${versions})` : ''}`,
  clippedCurrent: (number: string) =>
    `Text shortened; the full text and every version: \`history ${number}\`.`,
  clippedOther: (round: string) => `Text shortened; the full text is in the chapter of the ${round}.`,
  previous: 'Previous',
  next: 'Next',
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
    (unreachable > 0 ? `; an owner cannot be reached ${unreachable} times.` : '.'),
  ownerOpen: (name: string) => `${name}: not answered yet`,
  ownerSentBack: (name: string) => `${name}: sent back, not submitted again yet`,
  statusReview: (submitted: number, approved: number, sentBack: number) =>
    `Review: ${submitted} submitted (waiting for review, \`review\`), ${approved} approved, ${sentBack} sent back.`,
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
  closeUsage: 'Usage: `round close voortgangsrapportage 2021` (or `jaarverslag`).',
  deadlineFact: 'Deadline',
  projectsFact: 'Projects',
  remindersFact: 'Reminders',
  remindersValue: (dates: string) => `${dates}, at 09:00, to whoever has not answered`,
  noReminders: 'none',
  digestFact: 'After the deadline',
  digestValue: 'every working day an overview of what is missing, to you',
  reminderBanner: (date: string) => `Reminder: the deadline is ${date}. Would you still fill in the status?`,
  digestTitle: (round: string) => `Not yet answered: ${round}`,
  digestText: (missing: number, total: number, deadline: string) =>
    `${missing} of ${total} projects have no answer yet; the deadline was ${deadline}.`,
  weeklyTitle: (round: string) => `Weekly digest ${round}`,
  weeklyAsOf: (when: string, deadline: string, passed: boolean) =>
    passed ? `As of ${when}. The deadline was ${deadline}.` : `As of ${when}. Deadline: ${deadline}.`,
  weeklyProgress: (answered: number, total: number, percent: number) =>
    `${answered} of ${total} projects answered (${percent}%)`,
  weeklyMissing: (count: number) => `Still without an answer (${count}):`,
  weeklyMore: (count: number) => ` … and ${count} more`,
  weeklyAllAnswered: 'Every project has been answered.',
  weeklyHint: 'Type **summary** in your 1:1 chat with me for the status per project.',
  weeklyOnTitle: 'The weekly digest is on',
  weeklyAlreadyOnTitle: 'The weekly digest was on already',
  weeklyOnText: (first: string | undefined) =>
    'Every Monday at 09:00 (after a public holiday on the first working day) I post here how far the current round is: ' +
    'how many projects have been answered, per status, and which have not (project numbers only, no names). ' +
    (first
      ? `The first one comes ${first}. `
      : 'No round is open now; the first digest comes in the first week one is. ') +
    '**weekly digest off** stops it.',
  weeklyStoppedTitle: (channel: string) =>
    `The weekly digest in ${channel || 'the team channel'} has stopped`,
  weeklyStoppedText: (reason: string) =>
    `I could not post the weekly digest there (${reason}) and will not post it there any more. ` +
    'Add the app to the team again and type **@Stand van zaken weekly digest here** in the channel to switch it back on.',
  weeklyOffTitle: 'The weekly digest is off',
  weeklyOffText: 'I will post no more weekly digests here. **weekly digest here** switches it back on.',
  weeklyWasOffTitle: 'There was no weekly digest here',
  weeklyWasOffText: 'This channel did not get a weekly digest; nothing changes.',
  weeklyChannelOnly:
    'The weekly digest goes to a team channel. In the channel where it should appear, type **@Stand van zaken weekly digest here** (the app must have been added to the team).',
  weeklyUsage: 'Usage, in the team channel: **weekly digest here** or **weekly digest off**.',
  unknownCommandTitle: "I don't understand that.",
  unknownCommandText: 'Type **help** for the commands I know.',
  roundUsage: 'Usage: `round open voortgangsrapportage 2021 until 2021-07-01` (or `jaarverslag`).',
  languageSet: 'I will speak English with you from now on.',
  refusedTitle: 'That is not possible',
  failureTitle: 'Something went wrong',
  failureText: 'Something went wrong on my side. Please try again in a few minutes.',
  unexpectedCardError: 'Something went wrong while saving. Your text is still below; please try again.',
  review: {
    queueTitle: (waiting: number) =>
      waiting === 0
        ? 'Nothing is waiting for your review'
        : `${waiting} ${waiting === 1 ? 'answer is' : 'answers are'} waiting for your review`,
    queueEmpty: 'Everything has been reviewed. New answers appear in this list by themselves.',
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
      `${who} asks: "${comment}" Change your answer for the ${round} in this project's card above and send it again.`,
    state: {
      open: 'not answered yet',
      answered: 'answered',
      submitted: 'submitted',
      approved: 'approved',
      sentBack: 'sent back',
    },
    reviewFact: 'Review',
    awaitingReview: 'submitted, waiting for review',
    roundOn: 'on: a coordinator approves every answer before it goes into the report (`review`)',
    roundOff: 'off: answers go straight into the report',
  },
};

export const TEXTS: Record<Language, Texts> = { nl, en };
