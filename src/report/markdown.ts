import type { Chapter, Inline } from '../domain/chapter';
import { coverLine } from './cover';

/**
 * The chapter as Markdown (CommonMark with GFM footnotes): `#` the chapter, `##` each speerpunt,
 * `###` each project. Owner text is data: every character that could start markup is escaped,
 * and line breaks are kept as hard breaks, so an answer reads exactly as it was typed and never
 * changes the document's structure.
 */
export function renderMarkdown(chapter: Chapter): string {
  const out: string[] = [`# ${escapeInline(chapter.title)}`, '', `*${escapeInline(coverLine(chapter))}*`];
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

function inlines(parts: readonly Inline[]): string {
  return parts
    .map((part) => {
      if ('footnote' in part) return `[^${part.footnote}]`;
      if ('flag' in part) return `**⚠ ${escapeInline(part.flag)}**`;
      return escapeLines(part.text).join('\\\n');
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
