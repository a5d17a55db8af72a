import { Document, Packer, Paragraph } from 'docx';
import type { Chapter, Inline, Overview } from '../domain/chapter';
import type { HouseStyle } from '../domain/model';
import { OVERVIEW_LABELS, type Signal } from '../domain/report-format';
import { coverLine } from './cover';
import { applyHouseStyle, DEFAULT_STYLE_IDS, type ChapterStyleIds } from './house-template';
import { overviewCells, paragraphsOf, type OverviewCell } from './layout';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** A4 portrait with 2.54 cm margins, as the `docx` library writes it. */
const SECTION =
  '<w:sectPr><w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>' +
  '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>' +
  '<w:pgNumType/><w:docGrid w:linePitch="360"/></w:sectPr>';

/** A numbering part without lists: the template's headings may point at its numbering, which is
 * not taken (the projects carry their own numbers), so they are left unnumbered. */
const NO_NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="${W}"/>`;

/**
 * The chapter as a Word document: Heading 1 the chapter, the overview table (when the chapter
 * has one), Heading 2 each speerpunt, Heading 3 each project, real Word footnotes numbered
 * through the chapter, and owner text as plain runs (its paragraphs as paragraphs, its other
 * line breaks kept), so it can be pasted into the organisation's own template and take on its
 * styles. The completeness line is in the document's properties, not on the page: the published
 * chapter has none (the bot says it in the chat).
 *
 * With the organisation's house template, the document carries that template's styles and theme
 * instead of the plain ones, and refers to its styles by the ids the template gives them
 * (src/report/house-template.ts): the chapter then looks as the organisation's documents do.
 *
 * The `docx` library makes the package (styles, settings, footnote separators, properties,
 * relationships) from a one-paragraph frame; the body and the footnotes, which grow with the
 * chapter, are written here as WordprocessingML text and passed as its overrides. Built as
 * `docx` objects, a chapter of 1,000 projects took some 200 MB more memory than its text
 * (docs/benchmarks.md, bench:compile).
 */
export async function renderDocx(chapter: Chapter, house?: HouseStyle): Promise<Buffer> {
  const applied = house ? applyHouseStyle(house) : undefined;
  // The template's ids go into attributes: its own characters stay text there too.
  const ids = applied ? escapedIds(applied.ids) : DEFAULT_STYLE_IDS;
  const frame = new Document({
    creator: 'Stand van zaken',
    title: xmlSafe(chapter.title),
    description: xmlSafe(coverLine(chapter)),
    // Some air between paragraphs and above headings, so the document reads well on its own too;
    // pasted into the organisation's template, that template's styles take over.
    styles: {
      default: {
        document: { paragraph: { spacing: { after: 120 } } },
        heading1: { paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: { paragraph: { spacing: { before: 360, after: 120 } } },
        heading3: { paragraph: { spacing: { before: 240, after: 60 } } },
      },
    },
    // One footnote, so the package gets its footnotes part, styles and relationship.
    footnotes: { 1: { children: [new Paragraph('')] } },
    sections: [{ children: [new Paragraph('')] }],
  });
  return Packer.toBuffer(frame, false, [
    { path: 'word/document.xml', data: documentXml(chapter, ids) },
    { path: 'word/footnotes.xml', data: footnotesXml(chapter, ids) },
    ...(applied && house
      ? [
          { path: 'word/styles.xml', data: applied.styles },
          { path: 'word/numbering.xml', data: NO_NUMBERING },
          ...(house.theme ? [{ path: 'word/theme/theme1.xml', data: house.theme }] : []),
        ]
      : []),
  ]);
}

function documentXml(chapter: Chapter, ids: ChapterStyleIds): string {
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>`,
    heading(ids, 1, chapter.title),
  ];
  if (chapter.overview) out.push(overviewTable(chapter.overview, ids));
  for (const group of chapter.groups) {
    out.push(heading(ids, 2, `Speerpunt ${group.speerpunt}`));
    for (const section of group.sections) {
      out.push(
        heading(ids, 3, `${section.number} ${section.title}`),
        paragraph(text(`Speerpunt ${section.speerpunt}`), '<w:keepNext/>'),
      );
      for (const entry of section.entries) {
        // The question opens the answer's first paragraph, as in the published report.
        const [first = '', ...rest] = paragraphs(entry.answer, ids);
        out.push(paragraph(text(`${entry.question} `, BOLD) + first), ...rest.map((runs) => paragraph(runs)));
      }
    }
  }
  out.push(SECTION, '</w:body></w:document>');
  return out.join('');
}

function footnotesXml(chapter: Chapter, ids: ChapterStyleIds): string {
  const separator = (type: string, id: number, mark: string) =>
    `<w:footnote w:type="${type}" w:id="${id}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
    `<w:r>${mark}</w:r></w:p></w:footnote>`;
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="${W}" xmlns:r="${R}">`,
    separator('separator', -1, '<w:separator/>'),
    separator('continuationSeparator', 0, '<w:continuationSeparator/>'),
  ];
  for (const footnote of chapter.footnotes) {
    out.push(
      `<w:footnote w:id="${footnote.number}"><w:p><w:pPr><w:pStyle w:val="${ids.footnoteText}"/></w:pPr>` +
        `<w:r><w:rPr><w:rStyle w:val="${ids.footnoteReference}"/></w:rPr><w:footnoteRef/></w:r>` +
        `${text(` ${footnote.text}`)}</w:p></w:footnote>`,
    );
  }
  out.push('</w:footnotes>');
  return out.join('');
}

const BOLD = '<w:b/><w:bCs/>';

function heading(ids: ChapterStyleIds, level: 1 | 2 | 3, title: string): string {
  return paragraph(text(title), `<w:pStyle w:val="${ids[`heading${level}`]}"/><w:keepNext/>`);
}

function paragraph(content: string, properties = ''): string {
  return `<w:p>${properties ? `<w:pPr>${properties}</w:pPr>` : ''}${content}</w:p>`;
}

/** Runs of text, one per line as the owner typed it, each after the first starting on a new line. */
function text(value: string, properties = ''): string {
  const rPr = properties ? `<w:rPr>${properties}</w:rPr>` : '';
  return value
    .split('\n')
    .map(
      (line, index) =>
        `<w:r>${rPr}${index > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${escape(xmlSafe(line))}</w:t></w:r>`,
    )
    .join('');
}

/**
 * The runs of each paragraph of an answer: an empty line in the owner's text starts a new
 * paragraph; any other line break stays a line break within one.
 */
function paragraphs(parts: readonly Inline[], ids: ChapterStyleIds): string[] {
  const out: string[] = [];
  let current = '';
  let previous: Inline | undefined;
  const append = (runs: string) => {
    current += runs;
  };
  for (const part of parts) {
    // Two notes in a row read as one number ("²³" as 23) without a separator: "²,³".
    if ('footnote' in part && previous && 'footnote' in previous) {
      append(text(',', '<w:vertAlign w:val="superscript"/>'));
    }
    previous = part;
    if ('footnote' in part) {
      append(
        `<w:r><w:rPr><w:rStyle w:val="${ids.footnoteReference}"/></w:rPr><w:footnoteReference w:id="${part.footnote}"/></w:r>`,
      );
    } else if ('flag' in part) {
      append(text(`⚠ ${part.flag}`, `${BOLD}<w:color w:val="C00000"/><w:highlight w:val="yellow"/>`));
    } else {
      const [first = '', ...more] = paragraphsOf(part.text);
      if (first !== '') append(text(first));
      for (const next of more) {
        out.push(current);
        current = next === '' ? '' : text(next);
      }
    }
  }
  out.push(current);
  return out;
}

/** Colours of the marker before a value in the overview; the word next to it says the same. */
const SIGNAL_COLOURS: Record<Signal, string> = { good: '2E7D32', attention: 'C77C00', bad: 'C62828' };

/**
 * The overview as a Word table: a header row repeated on every page, one row per project, and a
 * coloured marker before each status and *bereikt*. With a table style from the house template,
 * that style draws the borders, the header row and the cell margins; without one, they are set on
 * the table itself, so it looks the same in any document.
 */
function overviewTable(overview: Overview, ids: ChapterStyleIds): string {
  const own = ids.table === undefined;
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>`;
  // Twips across the A4 text width (9026): the number narrow, the title wide.
  const widths = overview.showAchieved ? [900, 3526, 1600, 1300, 1700] : [900, 4226, 1900, 2000];
  const cell = (content: string, column: number, header = false) =>
    `<w:tc><w:tcPr><w:tcW w:w="${widths[column] ?? 0}" w:type="dxa"/>` +
    `${header && own ? '<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>' : ''}</w:tcPr>` +
    `<w:p><w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr>${content}</w:p></w:tc>`;
  const { headers, rows } = overviewCells(overview);
  const marked = ({ text: label, signal }: OverviewCell) =>
    signal ? text('● ', `<w:color w:val="${SIGNAL_COLOURS[signal]}"/>`) + text(label) : text(label);
  const body = rows.map(
    (cells) =>
      `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cells.map((value, column) => cell(marked(value), column)).join('')}</w:tr>`,
  );
  return (
    heading(ids, 2, OVERVIEW_LABELS.title) +
    '<w:tbl><w:tblPr>' +
    (own ? '' : `<w:tblStyle w:val="${ids.table}"/>`) +
    '<w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/>' +
    (own
      ? `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>` +
        '<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
      : '') +
    '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>' +
    '</w:tblPr>' +
    `<w:tblGrid>${widths.map((width) => `<w:gridCol w:w="${width}"/>`).join('')}</w:tblGrid>` +
    `<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>${headers.map((header, column) => cell(text(header, BOLD), column, true)).join('')}</w:tr>` +
    body.join('') +
    '</w:tbl>' +
    // Word needs a paragraph between a table and what follows it.
    paragraph('')
  );
}

function escapedIds(ids: ChapterStyleIds): ChapterStyleIds {
  const attribute = (id: string) => escape(id).replace(/"/g, '&quot;');
  return {
    heading1: attribute(ids.heading1),
    heading2: attribute(ids.heading2),
    heading3: attribute(ids.heading3),
    footnoteText: attribute(ids.footnoteText),
    footnoteReference: attribute(ids.footnoteReference),
    ...(ids.table === undefined ? {} : { table: attribute(ids.table) }),
  };
}

/** XML's own characters as entities: owner text is data, never markup. */
function escape(value: string): string {
  return value.replace(
    /[&<>]/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[character] ?? character,
  );
}

/**
 * Word's XML cannot hold control characters (a bell, an escape sequence pasted from a terminal)
 * or unpaired surrogates; each becomes U+FFFD, so one odd character never makes the whole
 * document unreadable. Everything else is kept, with XML's own characters escaped.
 */
export function xmlSafe(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}
