import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { compileChapter } from '../../../src/domain/chapter';
import type { HouseStyle } from '../../../src/domain/model';
import { renderDocx } from '../../../src/report/docx';
import {
  applyHouseStyle,
  describeHouseTemplateError,
  HouseTemplateError,
  MAX_TEMPLATE_BYTES,
  readHouseTemplate,
  type HouseTemplateProblem,
} from '../../../src/report/house-template';
import {
  DUTCH_HOUSE_STYLES,
  sampleHouseTemplate,
  themeWithFonts,
  wordTemplate,
} from '../../support/house-template';
import { FIXTURE_ROUND, FIXTURE_UPDATES } from './chapter-fixture';

const chapter = compileChapter(FIXTURE_ROUND, FIXTURE_UPDATES, '2021-07-02');

async function partsOf(docx: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(docx);
  const read = async (path: string) => (await zip.file(path)?.async('string')) ?? '';
  return {
    document: await read('word/document.xml'),
    footnotes: await read('word/footnotes.xml'),
    styles: await read('word/styles.xml'),
    theme: await read('word/theme/theme1.xml'),
    numbering: await read('word/numbering.xml'),
  };
}

/** The paragraph styles of the body's headings, with their text, in order. */
function headings(documentXml: string, ids: readonly string[]): [string, string][] {
  return [...documentXml.matchAll(/<w:p>(.*?)<\/w:p>/gs)]
    .map((match) => {
      const inner = match[1] ?? '';
      const style = /<w:pStyle w:val="([^"]+)"/.exec(inner)?.[1] ?? '';
      const text = [...inner.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
      return [style, text] as [string, string];
    })
    .filter(([style]) => ids.includes(style));
}

/** A template whose styles part is exactly these bytes. */
async function withStylesPart(xml: string | Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await wordTemplate({ styles: '' }));
  zip.file('word/styles.xml', xml);
  return zip.generateAsync({ type: 'nodebuffer' });
}

function refusal(code: HouseTemplateProblem) {
  return (error: unknown) => {
    assert.ok(error instanceof HouseTemplateError, String(error));
    assert.equal(error.code, code);
    return true;
  };
}

describe('readHouseTemplate', () => {
  it('takes the styles, the theme and the default table style of a Word template', async () => {
    const house = readHouseTemplate(await sampleHouseTemplate(), 'huisstijl.dotx');

    assert.match(house.styles, /^<\?xml version="1\.0" encoding="UTF-8" standalone="yes"\?><w:styles /);
    assert.match(house.styles, /w:styleId="Kop1"><w:name w:val="heading 1"\/>/);
    assert.match(house.theme ?? '', /<a:minorFont><a:latin typeface="DejaVu Serif"/);
    assert.equal(house.defaultTableStyle, 'Huisstijltabel');
  });

  it('reads a .docx the same way, and leaves out a theme that points at other parts', async () => {
    const theme = (await themeWithFonts('A', 'B')).replace(
      '<a:bgFillStyleLst>',
      '<a:bgFillStyleLst><a:blipFill><a:blip r:embed="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></a:blipFill>',
    );
    const house = readHouseTemplate(
      await wordTemplate({ styles: DUTCH_HOUSE_STYLES, theme, kind: 'docx' }),
      'rapport.docx',
    );

    assert.match(house.styles, /Voetnoottekst/);
    assert.equal(house.theme, undefined, 'its image would be missing');
    assert.equal(house.defaultTableStyle, undefined);
  });

  it('refuses the old binary Word formats, by name and by content', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    const sample = await sampleHouseTemplate();
    assert.throws(() => readHouseTemplate(ole, 'huisstijl.docx'), refusal('legacy-word'));
    assert.throws(() => readHouseTemplate(sample, 'huisstijl.dot'), refusal('legacy-word'));
    assert.throws(() => readHouseTemplate(ole, 'Sjabloon.DOC'), refusal('legacy-word'));
  });

  it('refuses a file over 10 MB before opening it', () => {
    const big = Buffer.alloc(MAX_TEMPLATE_BYTES + 1);
    big.write('PK');
    assert.throws(() => readHouseTemplate(big, 'huisstijl.dotx'), refusal('too-large'));
  });

  it('refuses what is no zip, or a broken one', () => {
    assert.throws(() => readHouseTemplate(Buffer.from('%PDF-1.7 …'), 'huisstijl.dotx'), refusal('not-a-zip'));
    assert.throws(
      () => readHouseTemplate(Buffer.from('PK\u0003\u0004 and then nothing of a zip'), 'x.docx'),
      refusal('not-a-zip'),
    );
  });

  it('refuses a zip without Word styles: a spreadsheet, or a document without them', async () => {
    const sheet = new JSZip();
    sheet.file('xl/workbook.xml', '<workbook/>');
    const xlsx = await sheet.generateAsync({ type: 'nodebuffer' });
    assert.throws(() => readHouseTemplate(xlsx, 'register.docx'), refusal('no-styles'));
    const withoutStyles = await wordTemplate({});
    assert.throws(() => readHouseTemplate(withoutStyles, 'leeg.dotx'), refusal('no-styles'));
  });

  it('refuses styles that are not well-formed XML, not Word styles, or declare a DOCTYPE', async () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    for (const xml of [
      `<w:styles ${W}><w:style w:styleId="Kop1">`,
      'geen xml',
      `<styles ${W}/>`,
      `<!DOCTYPE w:styles [<!ENTITY a "aaaa">]><w:styles ${W}>&a;</w:styles>`,
      // Not UTF-8: a lone continuation byte.
      Buffer.concat([
        Buffer.from(`<w:styles ${W}><w:style w:styleId="`),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"/></w:styles>'),
      ]),
    ]) {
      const bytes = await withStylesPart(xml);
      assert.throws(() => readHouseTemplate(bytes, 'x.dotx'), refusal('styles-not-xml'), xml.toString());
    }
  });

  it('refuses styles larger than 1 MB without inflating them', async () => {
    const padding = `<w:style w:type="paragraph" w:styleId="Opvulling"><w:name w:val="${'x'.repeat(1_100_000)}"/></w:style>`;
    const bytes = await wordTemplate({ styles: padding });
    assert.ok(bytes.length < 100_000, 'compressed, it is small');
    assert.throws(() => readHouseTemplate(bytes, 'x.dotx'), refusal('styles-too-large'));
  });

  it('says every refusal in Dutch and in English', () => {
    const codes: HouseTemplateProblem[] = [
      'legacy-word',
      'too-large',
      'not-a-zip',
      'no-styles',
      'styles-too-large',
      'styles-not-xml',
    ];
    const nl = codes.map((code) => describeHouseTemplateError(new HouseTemplateError(code), 'nl'));
    const en = codes.map((code) => describeHouseTemplateError(new HouseTemplateError(code), 'en'));
    assert.equal(new Set([...nl, ...en]).size, codes.length * 2);
    assert.match(nl[0] ?? '', /\.dotx/);
    assert.match(nl.join(' '), /sjabloon/);
    assert.match(en.join(' '), /template/);
  });
});

describe('renderDocx with a house template', () => {
  let house: HouseStyle;
  let parts: Record<string, string>;

  before(async () => {
    house = readHouseTemplate(await sampleHouseTemplate(), 'huisstijl.dotx');
    parts = await partsOf(await renderDocx(chapter, house));
  });

  it('carries the template’s styles and theme', () => {
    assert.equal(parts['styles'], house.styles);
    assert.match(parts['styles'] ?? '', /w:styleId="Kop1">.*?<w:color w:val="1B5E3B"\/>/);
    assert.match(parts['theme'] ?? '', /<a:majorFont><a:latin typeface="DejaVu Sans"/);
  });

  it('gives the headings the template’s style ids, found by their names', () => {
    assert.deepEqual(
      headings(parts['document'] ?? '', ['Kop1', 'Kop2', 'Kop3', 'Heading1', 'Heading2', 'Heading3']),
      [
        ['Kop1', 'Voortgangsrapportage 2021'],
        ['Kop2', 'Overzicht'],
        ['Kop2', 'Speerpunt Financiën'],
        ['Kop3', '2 Begroting meerjarig sluitend'],
        ['Kop3', '10 Digitale dienstverlening'],
        ['Kop2', 'Speerpunt Kwaliteit'],
        ['Kop3', '4.2.2 Inclusief werkgeverschap'],
        ['Kop3', '4.2.3 Integrale dienstverlening afdeling bedrijfsvoering'],
        ['Kop3', '4.2.10 Archief op orde'],
      ],
    );
  });

  it('styles the footnotes and their references with the template’s footnote styles', () => {
    const document = parts['document'] ?? '';
    const footnotes = parts['footnotes'] ?? '';
    assert.equal(
      (document.match(/<w:rStyle w:val="Voetnootmarkering"\/><\/w:rPr><w:footnoteReference /g) ?? []).length,
      4,
    );
    assert.doesNotMatch(document + footnotes, /FootnoteReference"|FootnoteText"/);
    assert.equal((footnotes.match(/<w:pStyle w:val="Voetnoottekst"\/>/g) ?? []).length, 4);
  });

  it('lets the template’s default table style draw the overview, without borders of its own', () => {
    const table = /<w:tbl>.*?<\/w:tbl>/s.exec(parts['document'] ?? '')?.[0] ?? assert.fail('no table');
    assert.match(table, /^<w:tbl><w:tblPr><w:tblStyle w:val="Huisstijltabel"\/>/);
    assert.doesNotMatch(table, /<w:tblBorders>|w:fill="E7E6E6"|<w:tblCellMar>/);
    assert.match(table, /<w:tblLook [^>]*w:firstRow="1"/, 'the header row takes the style’s first row');
    assert.match(table, /<w:tblHeader\/>/);
  });

  it('leaves the template’s heading numbering out: the projects carry their own numbers', () => {
    assert.doesNotMatch(parts['numbering'] ?? '', /<w:num /);
  });

  it('without a template, writes the plain styles as before', async () => {
    const plain = await partsOf(await renderDocx(chapter));
    assert.match(plain['styles'] ?? '', /w:styleId="Heading1"><w:name w:val="Heading 1"\/>/);
    assert.doesNotMatch(plain['styles'] ?? '', /Kop1/);
    assert.match(plain['document'] ?? '', /<w:pStyle w:val="Heading1"\/>/);
    assert.match(plain['document'] ?? '', /<w:tblBorders>/);
    assert.doesNotMatch(plain['document'] ?? '', /<w:tblStyle /);
  });
});

describe('applyHouseStyle', () => {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const styles = (inner: string) => `<?xml version="1.0"?><w:styles ${W}>${inner}</w:styles>`;
  const NORMAL =
    '<w:style w:type="paragraph" w:default="1" w:styleId="Standaard"><w:name w:val="Normal"/></w:style>';

  it('adds a plain style for each role the template lacks, based on its Normal, with an id not taken', async () => {
    const applied = applyHouseStyle({
      styles: styles(
        NORMAL +
          // A style of another name that has the id the chapter would pick.
          '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="Eigen stijl"/></w:style>' +
          '<w:style w:type="paragraph" w:styleId="Titel1"><w:name w:val="Heading 1"/></w:style>',
      ),
    });

    assert.deepEqual(applied.ids, {
      heading1: 'Titel1',
      heading2: 'Heading2',
      heading3: 'Heading3',
      footnoteText: 'FootnoteText2',
      footnoteReference: 'FootnoteReference',
    });
    assert.deepEqual(applied.fromTemplate, ['heading1']);
    assert.match(
      applied.styles,
      /<w:style xmlns:w="[^"]+" w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"\/>.*?<w:vertAlign w:val="superscript"\/>/,
    );
    assert.match(
      applied.styles,
      /w:styleId="FootnoteText2"><w:name w:val="footnote text"\/><w:basedOn w:val="Standaard"\/>/,
    );
    assert.match(applied.styles, /w:styleId="Heading2">.*?<w:outlineLvl w:val="1"\/>/);
    assert.match(applied.styles, /<\/w:style><\/w:styles>$/);
    const again = readHouseTemplate(await withStylesPart(applied.styles), 'x.dotx');
    assert.equal(applyHouseStyle(again).ids.footnoteText, 'FootnoteText2', 'still well-formed Word styles');
  });

  it('takes "Table Grid" when the template sets no default table style, and draws its own borders without either', () => {
    const grid = '<w:style w:type="table" w:styleId="Tabelraster"><w:name w:val="Table Grid"/></w:style>';
    const normalTable =
      '<w:style w:type="table" w:default="1" w:styleId="Standaardtabel"><w:name w:val="Normal Table"/></w:style>';
    assert.equal(applyHouseStyle({ styles: styles(NORMAL + normalTable + grid) }).ids.table, 'Tabelraster');
    assert.equal(
      applyHouseStyle({ styles: styles(NORMAL + normalTable + grid), defaultTableStyle: 'Standaardtabel' })
        .ids.table,
      'Tabelraster',
      '"Normal Table" has no borders: not a house style',
    );
    assert.equal(applyHouseStyle({ styles: styles(NORMAL + normalTable) }).ids.table, undefined);
  });

  it('keeps an odd style id as text in the document', async () => {
    const parts = await partsOf(
      await renderDocx(chapter, {
        styles: styles(
          NORMAL +
            '<w:style w:type="paragraph" w:styleId="K&quot;1&amp;"><w:name w:val="heading 1"/></w:style>',
        ),
      }),
    );
    assert.match(parts['document'] ?? '', /<w:pStyle w:val="K&quot;1&amp;"\/>/);
  });
});
