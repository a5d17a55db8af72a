import {
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  TextRun,
  type IRunOptions,
} from 'docx';
import { MISSING_ANSWER, type Chapter, type Inline } from '../domain/chapter';
import { coverLine } from './cover';

/**
 * The chapter as a Word document: Heading 1 the chapter, Heading 2 each speerpunt, Heading 3
 * each project, real Word footnotes numbered through the chapter, and owner text as plain runs
 * (line breaks kept), so it can be pasted into the organisation's own template and take on its
 * styles.
 */
export async function renderDocx(chapter: Chapter): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ text: chapter.title, heading: HeadingLevel.HEADING_1, keepNext: true }),
    new Paragraph({ children: [run({ text: coverLine(chapter), italics: true })] }),
  ];
  for (const group of chapter.groups) {
    children.push(
      new Paragraph({
        text: xmlSafe(`Speerpunt ${group.speerpunt}`),
        heading: HeadingLevel.HEADING_2,
        keepNext: true,
      }),
    );
    for (const section of group.sections) {
      children.push(
        new Paragraph({
          text: xmlSafe(`${section.number} ${section.title}`),
          heading: HeadingLevel.HEADING_3,
          keepNext: true,
        }),
        new Paragraph({ text: xmlSafe(`Speerpunt ${section.speerpunt}`), keepNext: true }),
      );
      for (const entry of section.entries) {
        children.push(
          new Paragraph({
            children: [
              run({ text: `${entry.question} `, bold: true }),
              ...runs(entry.answer, section.missing),
            ],
          }),
        );
      }
    }
  }
  const document = new Document({
    creator: 'Stand van zaken',
    title: chapter.title,
    description: coverLine(chapter),
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
    footnotes: Object.fromEntries(
      chapter.footnotes.map((footnote) => [
        footnote.number,
        { children: [new Paragraph({ children: lines(footnote.text) })] },
      ]),
    ),
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

/** Typed options, so the style flags are read as Word's and not as String's old HTML methods. */
function run(options: IRunOptions): TextRun {
  return new TextRun(options);
}

function runs(parts: readonly Inline[], missing: boolean): (TextRun | FootnoteReferenceRun)[] {
  const out: (TextRun | FootnoteReferenceRun)[] = [];
  let previous: Inline | undefined;
  for (const part of parts) {
    // Two notes in a row read as one number ("²³" as 23) without a separator: "²,³".
    if ('footnote' in part && previous && 'footnote' in previous)
      out.push(run({ text: ',', superScript: true }));
    previous = part;
    if ('footnote' in part) out.push(new FootnoteReferenceRun(part.footnote));
    else if (missing && part.text === MISSING_ANSWER) {
      out.push(run({ text: `⚠ ${MISSING_ANSWER}`, bold: true, color: 'C00000', highlight: 'yellow' }));
    } else out.push(...lines(part.text));
  }
  return out;
}

/** A run per line, each after the first starting on a new line, as the owner typed it. */
function lines(text: string): TextRun[] {
  return text
    .split('\n')
    .map((line, index) => run({ text: xmlSafe(line), ...(index > 0 ? { break: 1 } : {}) }));
}

/**
 * Word's XML cannot hold control characters (a bell, an escape sequence pasted from a terminal)
 * or unpaired surrogates; each becomes U+FFFD, so one odd character never makes the whole
 * document unreadable. Everything else is kept; the library escapes XML's own characters.
 */
export function xmlSafe(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}
