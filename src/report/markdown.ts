import type { Chapter, Inline, Overview } from '../domain/chapter';
import { OVERVIEW_LABELS } from '../domain/report-format';
import { overviewCells, paragraphsOf } from './layout';

/**
 * The chapter as Markdown (CommonMark with GFM footnotes): `#` the chapter, `##` each speerpunt,
 * `###` each project, and the overview as a table first (when the chapter has one). Owner text
 * is data: every character that could start markup is escaped; an empty line is a paragraph
 * break and any other line break a hard break, so an answer reads exactly as it was typed and
 * never changes the document's structure.
 */
export function renderMarkdown(chapter: Chapter): string {
  const out: string[] = [`# ${escapeInline(chapter.title)}`];
  if (chapter.overview) out.push('', ...overviewTable(chapter.overview));
  for (const group of chapter.groups) {
    out.push('', `## Speerpunt ${escapeInline(group.speerpunt)}`);
    for (const section of group.sections) {
      out.push('', `### ${escapeInline(`${section.number} ${section.title}`)}`, '');
      out.push(`Speerpunt ${escapeInline(section.speerpunt)}`);
      for (const entry of section.entries) {
        out.push('', `**${escapeInline(entry.question)}** ${inlines(entry.answer)}`);
      }
    }
  }
  if (chapter.footnotes.length > 0) out.push('');
  for (const footnote of chapter.footnotes) {
    const [first = '', ...rest] = escapeLines(footnote.text);
    out.push(`[^${footnote.number}]: ${[first, ...rest.map((line) => `    ${line}`)].join('\\\n')}`);
  }
  return `${out.join('\n')}\n`;
}

/** `## Overzicht` and a table, one row per project; a cell without an answer shows a dash. */
function overviewTable(overview: Overview): string[] {
  const { headers, rows } = overviewCells(overview);
  const row = (cells: readonly string[]) => `| ${cells.map((cell) => escapeInline(cell)).join(' | ')} |`;
  return [
    `## ${OVERVIEW_LABELS.title}`,
    '',
    row(headers),
    `|${headers.map(() => ' --- ').join('|')}|`,
    ...rows.map((cells) => row(cells.map((cell) => cell.text))),
  ];
}

function inlines(parts: readonly Inline[]): string {
  return parts
    .map((part) => {
      if ('footnote' in part) return `[^${part.footnote}]`;
      if ('flag' in part) return `**⚠ ${escapeInline(part.flag)}**`;
      // Paragraphs stay paragraphs; within one, each line break is a hard break.
      return paragraphsOf(part.text)
        .map((paragraph) => escapeLines(paragraph).join('\\\n'))
        .join('\n\n');
    })
    .join('');
}

/** Each line escaped; an empty line stays empty (a paragraph break in the owner's text). */
function escapeLines(text: string): string[] {
  return text.split('\n').map((line) => escapeMarkdown(line));
}

/** Escapes what CommonMark could read as inline markup: emphasis, links, code, HTML, tables. */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>&|~!{}]/g, '\\$&');
}

/**
 * Escapes a line of owner text: inline syntax anywhere, and block syntax (headings, lists,
 * quotes, rules, code blocks) at its start, since a line after a hard break may begin a block.
 */
export function escapeMarkdown(line: string): string {
  return escapeInline(line)
    .replace(/^(\s*)([#>+=-])/, '$1\\$2')
    .replace(/^(\s*)(\d+)([.)])/, '$1$2\\$3')
    .replace(/^( {4,})/, (spaces) => spaces.replace(/ /g, '&#32;'));
}
