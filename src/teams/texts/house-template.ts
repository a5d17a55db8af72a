/** The house template: set, refused, shown and removed. */
const nl = {
  templateStoredTitle: (file: string) => `Huisstijl ingesteld: ${file}`,
  templateStoredText: (replaced: string | undefined) =>
    'Het volgende hoofdstuk dat u samenstelt, krijgt in Word de opmaakprofielen uit dit sjabloon.' +
    (replaced ? ` Het vervangt ${replaced}.` : '') +
    ' Wat er niet in staat, houdt de eenvoudige standaardopmaak. Verwijderen: typ **huisstijl verwijderen**.',
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
    `Ingesteld door ${who} op ${when}. Elk hoofdstuk in Word krijgt de opmaakprofielen uit dit sjabloon. Een ander sjabloon instellen: stuur het hier (.dotx of .docx). Verwijderen: typ **huisstijl verwijderen**.`,
  templateNoneTitle: 'Geen huisstijl ingesteld',
  templateNoneText:
    'Het hoofdstuk krijgt in Word de eenvoudige standaardopmaak. Stuur het Word-sjabloon van uw organisatie (.dotx of .docx) in deze chat om de huisstijl in te stellen.',
  templateRemovedTitle: (file: string) => `Huisstijl verwijderd: ${file}`,
  templateRemovedText: 'Het volgende hoofdstuk krijgt in Word weer de eenvoudige standaardopmaak.',
};

const en: typeof nl = {
  templateStoredTitle: (file: string) => `House template set: ${file}`,
  templateStoredText: (replaced: string | undefined) =>
    'The next chapter you compile takes the styles of this template in Word.' +
    (replaced ? ` It replaces ${replaced}.` : '') +
    ' What it does not have keeps the plain default layout. To remove it, type **remove template**.',
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
    `Set by ${who} on ${when}. Every chapter in Word takes the styles of this template. To set another, send it here (.dotx or .docx). To remove it, type **remove template**.`,
  templateNoneTitle: 'No house template set',
  templateNoneText:
    "The chapter gets the plain default layout in Word. Send your organisation's Word template (.dotx or .docx) in this chat to set the house style.",
  templateRemovedTitle: (file: string) => `House template removed: ${file}`,
  templateRemovedText: 'The next chapter gets the plain default layout in Word again.',
};

export const houseTemplateTexts = { nl, en };
