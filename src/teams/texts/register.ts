import type { RoundKind } from '../../domain/model';

/** Files sent in the chat: a register imported, and a register sheet drafted from an earlier report. */
const nl = {
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
  importNext: (kind: RoundKind, year: number, deadline: string) =>
    `Open daarna een ronde, bijvoorbeeld **ronde open ${kind} ${year} tot ${deadline}**.`,
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
};

const en: typeof nl = {
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
  importNext: (kind: RoundKind, year: number, deadline: string) =>
    `Then open a round, for example **round open ${kind} ${year} until ${deadline}**.`,
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
};

export const registerTexts = { nl, en };
