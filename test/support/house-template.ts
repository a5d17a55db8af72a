import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

export interface TemplateParts {
  /** The `<w:style>` elements (and `<w:docDefaults>`) of word/styles.xml; undefined: no styles part. */
  readonly styles?: string;
  /** word/theme/theme1.xml as it is. */
  readonly theme?: string;
  /** The default table style's id, in word/settings.xml. */
  readonly defaultTableStyle?: string;
  /** A .dotx (template) or a .docx (document). */
  readonly kind?: 'dotx' | 'docx';
}

/**
 * A Word template as Word writes one, with only the parts given: the package's content types and
 * relationships, a one-paragraph document, and the styles, theme and settings.
 */
export async function wordTemplate(parts: TemplateParts): Promise<Buffer> {
  const main =
    parts.kind === 'docx'
      ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'
      : 'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml';
  const type = (name: string) =>
    `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${name}`;
  const zip = new JSZip();
  const overrides: [string, string][] = [['/word/document.xml', main]];
  const relationships: [string, string][] = [];
  if (parts.styles !== undefined) {
    zip.file('word/styles.xml', `${DECLARATION}<w:styles xmlns:w="${W}">${parts.styles}</w:styles>`);
    overrides.push([
      '/word/styles.xml',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml',
    ]);
    relationships.push([type('styles'), 'styles.xml']);
  }
  if (parts.theme !== undefined) {
    zip.file('word/theme/theme1.xml', parts.theme);
    overrides.push(['/word/theme/theme1.xml', 'application/vnd.openxmlformats-officedocument.theme+xml']);
    relationships.push([type('theme'), 'theme/theme1.xml']);
  }
  if (parts.defaultTableStyle !== undefined) {
    zip.file(
      'word/settings.xml',
      `${DECLARATION}<w:settings xmlns:w="${W}"><w:defaultTableStyle w:val="${parts.defaultTableStyle}"/></w:settings>`,
    );
    overrides.push([
      '/word/settings.xml',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml',
    ]);
    relationships.push([type('settings'), 'settings.xml']);
  }
  zip.file(
    '[Content_Types].xml',
    `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      overrides.map(([path, content]) => `<Override PartName="${path}" ContentType="${content}"/>`).join('') +
      '</Types>',
  );
  const rels = (list: [string, string][]) =>
    `${DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    list
      .map(
        ([kind, target], index) => `<Relationship Id="rId${index + 1}" Type="${kind}" Target="${target}"/>`,
      )
      .join('') +
    '</Relationships>';
  zip.file('_rels/.rels', rels([[type('officeDocument'), 'word/document.xml']]));
  zip.file('word/_rels/document.xml.rels', rels(relationships));
  zip.file(
    'word/document.xml',
    `${DECLARATION}<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>Huisstijl</w:t></w:r></w:p></w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A theme with these fonts for headings (major) and text (minor), from a real Word theme. */
export async function themeWithFonts(major: string, minor: string): Promise<string> {
  const blank = new Document({ sections: [{ children: [new Paragraph('')] }] });
  const zip = await JSZip.loadAsync(await Packer.toBuffer(blank));
  const theme = (await zip.file('word/theme/theme1.xml')?.async('string')) ?? '';
  return theme
    .replace(/(<a:majorFont><a:latin typeface=")[^"]*"/, `$1${major}"`)
    .replace(/(<a:minorFont><a:latin typeface=")[^"]*"/, `$1${minor}"`);
}

/**
 * A Dutch organisation's styles, as Word writes them: ids in Dutch (Kop1, Voetnoottekst), names
 * in English ("heading 1"), the text in the theme's fonts, coloured headings, small grey
 * footnotes with a red reference, and a table style of its own that the settings make default.
 */
export const DUTCH_HOUSE_STYLES =
  '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:eastAsiaTheme="minorHAnsi" w:cstheme="minorBidi"/>' +
  '<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="nl-NL"/></w:rPr></w:rPrDefault>' +
  '<w:pPrDefault><w:pPr><w:spacing w:after="140" w:line="288" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Standaard"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
  '<w:style w:type="character" w:default="1" w:styleId="Standaardalinea-lettertype"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
  heading(1, '1B5E3B', 36, 'C8DCCF') +
  heading(2, '2E7D4F', 28) +
  heading(3, '7A3E9D', 23) +
  '<w:style w:type="paragraph" w:styleId="Voetnoottekst"><w:name w:val="footnote text"/><w:basedOn w:val="Standaard"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>' +
  '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:i/><w:color w:val="5A5A5A"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>' +
  '<w:style w:type="character" w:styleId="Voetnootmarkering"><w:name w:val="footnote reference"/><w:basedOn w:val="Standaardalinea-lettertype"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>' +
  '<w:rPr><w:b/><w:color w:val="C0392B"/><w:vertAlign w:val="superscript"/></w:rPr></w:style>' +
  '<w:style w:type="table" w:default="1" w:styleId="Standaardtabel"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
  '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
  '<w:style w:type="table" w:styleId="Tabelraster"><w:name w:val="Table Grid"/><w:basedOn w:val="Standaardtabel"/><w:uiPriority w:val="39"/>' +
  '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>' +
  '<w:style w:type="table" w:styleId="Huisstijltabel"><w:name w:val="Huisstijl tabel"/><w:basedOn w:val="Standaardtabel"/><w:uiPriority w:val="40"/>' +
  '<w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr><w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>' +
  '<w:tblPr><w:tblStyleRowBandSize w:val="1"/><w:tblBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="1B5E3B"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="9CC3AB"/></w:tblBorders>' +
  '<w:tblCellMar><w:left w:w="100" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr>' +
  '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1B5E3B"/></w:tcPr></w:tblStylePr>' +
  '<w:tblStylePr w:type="band2Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="EAF3EC"/></w:tcPr></w:tblStylePr></w:style>';

function heading(level: number, colour: string, size: number, underline?: string): string {
  return (
    `<w:style w:type="paragraph" w:styleId="Kop${level}"><w:name w:val="heading ${level}"/><w:basedOn w:val="Standaard"/><w:next w:val="Standaard"/><w:uiPriority w:val="9"/><w:qFormat/>` +
    `<w:pPr><w:keepNext/><w:spacing w:before="${level === 1 ? 360 : 280}" w:after="100"/>` +
    (underline
      ? `<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="4" w:color="${underline}"/></w:pBdr>`
      : '') +
    `<w:outlineLvl w:val="${level - 1}"/></w:pPr>` +
    `<w:rPr><w:rFonts w:asciiTheme="majorHAnsi" w:hAnsiTheme="majorHAnsi"/><w:b/><w:color w:val="${colour}"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>`
  );
}

/** The sample house template of the screenshots: DejaVu Sans headings, DejaVu Serif text. */
export async function sampleHouseTemplate(): Promise<Buffer> {
  return wordTemplate({
    styles: DUTCH_HOUSE_STYLES,
    theme: await themeWithFonts('DejaVu Sans', 'DejaVu Serif'),
    defaultTableStyle: 'Huisstijltabel',
  });
}
