import type { RoundKind } from '../../domain/model';

/** The welcome in a chat and a team, the help card, the language switch and an unknown command. */

/** What the examples in help and hints name: a round someone could open today, its dates as written. */
export interface Examples {
  readonly kind: RoundKind;
  /** The other kind of round. */
  readonly other: RoundKind;
  readonly year: number;
  /** The deadline as a sentence writes it: 29 juni 2021 / 29 June 2021. */
  readonly deadline: string;
  /** The same deadline in figures: 29-6-2021 / 2021-06-29. */
  readonly deadlineInFigures: string;
  /** A start date for the cards, as a sentence writes it. */
  readonly from: string;
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
    'Ik kon de ledenlijst van dit team niet lezen. Wie de app zelf opent, kan ik wel bereiken; voeg mij later nog eens aan het team toe om het opnieuw te proberen.',
  helpTitle: 'Wat kan ik?',
  helpIntro: 'Typ een van deze opdrachten:',
  helpVersion: (version: string) => `Stand van zaken ${version}`,
  commands: (e: Examples) => [
    { usage: 'hulp', description: 'Deze lijst.' },
    {
      usage: 'samenvatting',
      description:
        'Overzicht van de lopende ronde: wie heeft geantwoord, en wat. Met een ronde erachter, zoals samenvatting jaarverslag 2021, die ronde (ook een gesloten).',
    },
    {
      usage: 'samenvatting 4.2.3',
      description: 'Eén project over alle rondes, de nieuwste eerst: per ronde de status en het antwoord.',
    },
    {
      usage: 'invullen',
      description:
        'Uw projecten die op uw stand van zaken wachten, met een knop per project. Met **invullen 4.2.3** krijgt u de kaart van dat project opnieuw.',
    },
    {
      usage: `ronde open ${e.kind} ${e.year} tot ${e.deadline}`,
      description:
        `Coördinator: opent een ronde (voortgangsrapportage of jaarverslag) en stuurt elke eigenaar een kaart per project. De deadline mag ook in cijfers: ${e.deadlineInFigures}. ` +
        `Zet er **vanaf ${e.from}** achter om de kaarten pas op die dag te versturen, en **met beoordeling** of **zonder beoordeling** om te kiezen of antwoorden eerst worden goedgekeurd (standaard alleen bij het jaarverslag).`,
    },
    {
      usage: 'beoordelen',
      description:
        'Coördinator of beoordelaar van een speerpunt: de ingediende antwoorden die op u wachten, met wat er veranderd is; goedkeuren of terugsturen met een opmerking. Met een ronde erachter, zoals beoordelen jaarverslag 2021, alleen die ronde.',
    },
    {
      usage: 'status',
      description:
        'Coördinator: wie heeft nog niet geantwoord, en wie is niet bereikbaar (en waarom). Met een ronde erachter, zoals status jaarverslag 2021, die ronde.',
    },
    {
      usage: `ronde sluit ${e.kind} ${e.year}`,
      description: 'Coördinator: sluit de ronde; geen herinneringen meer, de antwoorden liggen vast.',
    },
    {
      usage: 'ronde heropen voortgangsrapportage 2021 tot 15-7-2021',
      description:
        'Coördinator: opent een gesloten ronde opnieuw met een nieuwe deadline; wie nog niet heeft geantwoord, krijgt weer herinneringen.',
    },
    {
      usage: 'weekoverzicht hier',
      description:
        'Coördinator, in een teamkanaal (met @Stand van zaken ervoor): elke maandag om 09:00 de voortgang van de lopende ronde in dat kanaal. Met **weekoverzicht uit** stopt het.',
    },
    {
      usage: 'delegeer 4.2.3 aan j.jansen@gemeente.nl',
      description: 'Eigenaar: laat een collega dit project in deze ronde invullen.',
    },
    { usage: 'geschiedenis 4.2.3', description: 'Alle versies van het antwoord: wie, wanneer, wat.' },
    {
      usage: `${e.kind} ${e.year}`,
      description: `Coördinator: stelt het hoofdstuk samen (Word en Markdown) en geeft downloadlinks, ook naar de antwoorden als werkblad (.xlsx, per project en versie). Ook: **${e.other} ${e.year}**. Zet er **definitief** achter voor de definitieve versie (of wat die nog tegenhoudt), of **zonder overzicht** om de tabel aan het begin weg te laten.`,
    },
    {
      usage: '(een bestand sturen)',
      description:
        'Coördinator: stuur het projectregister (.xlsx of .csv) om het in te lezen, de tekst van een eerder verslag (.txt) om er een registerblad van te maken, of het Word-sjabloon van de huisstijl (.dotx of .docx): het hoofdstuk krijgt dan de opmaakprofielen daarvan.',
    },
    {
      usage: 'huisstijl',
      description:
        'Coördinator: welk huisstijlsjabloon het hoofdstuk gebruikt. Met **huisstijl verwijderen** krijgt het weer de eenvoudige standaardopmaak.',
    },
    { usage: 'taal en', description: 'Switch to English (**taal nl**: terug naar Nederlands).' },
  ],
  languageSet: 'Ik spreek vanaf nu Nederlands met u.',
  unknownCommandTitle: 'Dat begrijp ik niet.',
  unknownCommandText: 'Typ **hulp** voor de opdrachten die ik ken.',
  usageTitle: (command: string) => `Zo gebruikt u ‘${command}’`,
  commandWords: {
    openRound: 'ronde open',
    closeRound: 'ronde sluit',
    reopenRound: 'ronde heropen',
    weeklyDigest: 'weekoverzicht',
    delegate: 'delegeer',
    history: 'geschiedenis',
  },
  yourProjects: (numbers: readonly string[]) =>
    numbers.length === 1 ? `Uw project: ${numbers.join('')}.` : `Uw projecten: ${numbers.join(', ')}.`,
  suggestionTitle: (command: string) => `Bedoelde u **${command}**?`,
  suggestionText: 'Druk op de knop om het te doen, of typ **hulp** voor alle opdrachten.',
  statusOfProject: (number: string, summary: string) =>
    `De opdracht **status** geeft de stand van de hele ronde; **${summary}** toont project ${number} over alle rondes.`,
  suggestionDone: (command: string) => `U koos **${command}**.`,
};

const en: typeof nl = {
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
  commands: (e: Examples) => [
    { usage: 'help', description: 'This list.' },
    {
      usage: 'summary',
      description:
        'Overview of the current round: who answered, and what. With a round after it, such as summary jaarverslag 2021, that round (a closed one too).',
    },
    {
      usage: 'summary 4.2.3',
      description: 'One project over every round, newest first: per round the status and the answer.',
    },
    {
      usage: 'fill in',
      description:
        "Your projects that wait for your status update, with a button for each. **fill in 4.2.3** sends that project's card again.",
    },
    {
      usage: `round open ${e.kind} ${e.year} until ${e.deadline}`,
      description:
        `Coordinator: opens a round (voortgangsrapportage or jaarverslag) and sends every owner a card per project. The deadline may be in figures too: ${e.deadlineInFigures}. ` +
        `Add **from ${e.from}** to send the cards only from that day, and **with review** or **without review** to choose whether answers are approved first (by default only in the jaarverslag).`,
    },
    {
      usage: 'review',
      description:
        'Coordinator or reviewer of a focus area: the submitted answers waiting for you, with what changed; approve, or send back with a comment. With a round after it, such as review jaarverslag 2021, that round only.',
    },
    {
      usage: 'status',
      description:
        'Coordinator: who has not answered yet, and who cannot be reached (and why). With a round after it, such as status jaarverslag 2021, that round.',
    },
    {
      usage: `round close ${e.kind} ${e.year}`,
      description: 'Coordinator: closes the round; no more reminders, the answers are final.',
    },
    {
      usage: 'round reopen voortgangsrapportage 2021 until 2021-07-15',
      description:
        'Coordinator: opens a closed round again with a new deadline; whoever has not answered gets reminders again.',
    },
    {
      usage: 'weekly digest here',
      description:
        'Coordinator, in a team channel (after @Stand van zaken): every Monday at 09:00 the progress of the current round in that channel. **weekly digest off** stops it.',
    },
    {
      usage: 'delegate 4.2.3 to j.jansen@example.org',
      description: 'Owner: let a colleague fill in this project in this round.',
    },
    { usage: 'history 4.2.3', description: 'Every version of the answer: who, when, what.' },
    {
      usage: `${e.kind} ${e.year}`,
      description: `Coordinator: compiles the chapter (Word and Markdown) and gives download links, also to the answers as a sheet (.xlsx, per project and version). Also: **${e.other} ${e.year}**. Add **final** for the final version (or what still stands in its way), or **without overview** to leave out the table at the start.`,
    },
    {
      usage: '(send a file)',
      description:
        'Coordinator: send the project register (.xlsx or .csv) to import it, the text of an earlier report (.txt) to turn it into a register sheet, or the house style Word template (.dotx or .docx): the chapter then takes its styles.',
    },
    {
      usage: 'template',
      description:
        'Coordinator: which house template the chapter uses. **remove template** goes back to the plain default layout.',
    },
    { usage: 'language nl', description: 'Schakel naar Nederlands (**language en**: back to English).' },
  ],
  languageSet: 'I will speak English with you from now on.',
  unknownCommandTitle: "I don't understand that.",
  unknownCommandText: 'Type **help** for the commands I know.',
  usageTitle: (command: string) => `How to use ‘${command}’`,
  commandWords: {
    openRound: 'round open',
    closeRound: 'round close',
    reopenRound: 'round reopen',
    weeklyDigest: 'weekly digest',
    delegate: 'delegate',
    history: 'history',
  },
  yourProjects: (numbers: readonly string[]) =>
    numbers.length === 1 ? `Your project: ${numbers.join('')}.` : `Your projects: ${numbers.join(', ')}.`,
  suggestionTitle: (command: string) => `Did you mean **${command}**?`,
  suggestionText: 'Press the button to do it, or type **help** for every command.',
  statusOfProject: (number: string, summary: string) =>
    `The **status** command shows the whole round; **${summary}** shows project ${number} over every round.`,
  suggestionDone: (command: string) => `You chose **${command}**.`,
};

export const welcomeTexts = { nl, en };
