import type { RoundKind } from './model';
import {
  QUESTION_FIELDS,
  recogniseReport,
  tidyProject,
  type FoundNote,
  type RecognisedProject,
  type RecognisedReport,
} from './report-text';

type Field = 'goal' | 'activities' | 'answer';

/**
 * The projects of a published report: a chapter in the bot's own Markdown is read as Markdown,
 * anything else as a PDF's text ({@link recogniseReport}).
 */
export function readPublishedReport(text: string): RecognisedReport {
  return /^### \S/m.test(text) && /^\*\*(?:Wat|Hebben) /m.test(text)
    ? recogniseMarkdownReport(text)
    : recogniseReport(text);
}

/**
 * Reads back a chapter as the bot writes it in Markdown (src/report/markdown.ts): `###` each
 * project, "Speerpunt X", `**question** answer`, footnote references `[^n]` and their texts at
 * the end. Unlike a PDF's text, Markdown keeps every break the owner typed (a hard break `\`
 * is a line break, an empty line a paragraph break) and every escaped character, so the
 * answers come back exactly as they were written, with each footnote after its words.
 */
export function recogniseMarkdownReport(text: string): RecognisedReport {
  const lines = text.replace(/[\uE000\uE001]/g, '').split(/\r?\n/);
  const { definitions, continuations } = footnoteDefinitions(lines);
  const notes: FoundNote[] = [];
  const projects: RecognisedProject[] = [];
  const unplaced: { from: number; to: number; text: string }[] = [];
  let current: { -readonly [K in keyof RecognisedProject]: RecognisedProject[K] } | undefined;
  let field: Field | undefined;
  let pendingSpeerpunt = '';
  let kind: RoundKind | undefined;
  let year: number | undefined;
  let skipping = false;
  let blankBefore = false;
  let hardBreak = false;

  const decode = (inline: string): string =>
    inline.replace(
      /\[\^(\d+)\]|&#32;|\\(.)/g,
      (whole, number: string | undefined, escaped: string | undefined) => {
        if (escaped !== undefined) return escaped;
        if (number === undefined) return ' ';
        const definition = definitions.get(Number(number));
        notes.push({ number: Number(number), text: definition?.text ?? '', line: definition?.line ?? 0 });
        return `\uE000${notes.length - 1}\uE001`;
      },
    );
  const close = () => {
    if (current) projects.push(tidyProject(current, notes));
  };

  lines.forEach((raw, index) => {
    if (/^\[\^\d+\]: /.test(raw) || continuations.has(index)) return;
    if (raw.trim() === '') {
      blankBefore = true;
      return;
    }
    const heading = /^(#{1,3}) (.*)$/.exec(raw);
    if (heading) {
      const level = heading[1]?.length ?? 0;
      const content = heading[2] ?? '';
      blankBefore = false;
      hardBreak = false;
      skipping = false;
      if (level === 1) {
        const title = /^(Jaarverslag|Voortgangsrapportage) (\d{4})$/.exec(content);
        if (title) {
          kind = title[1] === 'Jaarverslag' ? 'jaarverslag' : 'voortgangsrapportage';
          year = Number(title[2]);
        }
      } else if (level === 2) {
        const speerpunt = /^Speerpunt (.*)$/.exec(content);
        if (speerpunt) pendingSpeerpunt = decode(speerpunt[1] ?? '');
        else skipping = true;
      } else {
        close();
        const [number = '', ...title] = decode(content).split(' ');
        current = {
          number,
          title: title.join(' '),
          speerpunt: pendingSpeerpunt,
          goal: '',
          activities: '',
          answer: '',
          line: index + 1,
        };
        field = undefined;
      }
      return;
    }
    if (skipping) return;
    const speerpunt = /^Speerpunt (.*)$/.exec(raw);
    if (current && !field && speerpunt) {
      current.speerpunt = decode(speerpunt[1] ?? '');
      return;
    }
    const question = /^\*\*(.+?)\*\* ?(.*)$/.exec(raw);
    const questionField = question ? QUESTION_FIELDS.get(question[1] ?? '') : undefined;
    let body = raw;
    if (current && question && questionField) {
      field = questionField;
      body = question[2] ?? '';
      blankBefore = false;
      hardBreak = false;
      current[field] = '';
      if (body === '') return;
    } else if (!current || !field) {
      const last = unplaced[unplaced.length - 1];
      if (last && index + 1 - last.to <= 2) last.to = index + 1;
      else unplaced.push({ from: index + 1, to: index + 1, text: raw.slice(0, 120) });
      return;
    }
    // A draft's flag (a missing answer, a newer version waiting) is no owner text: theirs is escaped.
    if (body.startsWith('**⚠ ')) return;
    const trailing = /\\+$/.exec(body)?.[0].length ?? 0;
    const breaks = trailing % 2 === 1;
    const line = decode(breaks ? body.slice(0, -1) : body);
    const before = current[field];
    const glue = before === '' && !blankBefore ? '' : blankBefore ? '\n\n' : hardBreak ? '\n' : ' ';
    current[field] = before === '' && !blankBefore ? line : before + glue + line;
    blankBefore = false;
    hardBreak = breaks;
  });
  close();
  return { projects, unplaced, ...(kind ? { kind } : {}), ...(year !== undefined ? { year } : {}) };
}

/** The footnote texts at the end, by number, with hard breaks as line breaks; and their further lines. */
function footnoteDefinitions(lines: readonly string[]): {
  definitions: Map<number, { text: string; line: number }>;
  continuations: Set<number>;
} {
  const found = new Map<number, { text: string; line: number }>();
  const continuations = new Set<number>();
  for (let index = 0; index < lines.length; index++) {
    const start = /^\[\^(\d+)\]: (.*)$/.exec(lines[index] ?? '');
    if (!start) continue;
    let body = start[2] ?? '';
    let text = '';
    let at = index;
    for (;;) {
      const breaks = (/\\+$/.exec(body)?.[0].length ?? 0) % 2 === 1;
      text += unescape(breaks ? body.slice(0, -1) : body);
      if (!breaks || !(lines[at + 1] ?? '').startsWith('    ')) break;
      at++;
      continuations.add(at);
      body = (lines[at] ?? '').slice(4);
      text += '\n';
    }
    found.set(Number(start[1]), { text, line: index + 1 });
    index = at;
  }
  return { definitions: found, continuations };
}

function unescape(text: string): string {
  return text.replace(/&#32;|\\(.)/g, (whole, escaped: string | undefined) => escaped ?? ' ');
}
