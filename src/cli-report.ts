import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readPublishedReport } from './domain/report-markdown';
import { registerCsv, registerSheet } from './infrastructure/spreadsheet';

/** A refusal the user can act on: printed without a stack trace, exit code 1. */
export class CliError extends Error {}

/** The questions of a project section, as the CLI names a field. */
const FIELD_NAMES = { goal: 'wat willen we bereiken', activities: 'wat willen we ervoor doen' } as const;

/** What a command that needs no store is given. */
export interface OfflineContext {
  readonly args: readonly string[];
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  readonly out: (line: string) => void;
}

/**
 * The projects in the text of an earlier report, shown for review; --sheet writes them as a
 * register sheet (.xlsx, or .csv) with the owner and year empty, to fill in and read with `import`.
 */
export async function importReport({ args, options, out }: OfflineContext): Promise<void> {
  const file = args[0];
  if (!file) throw new CliError('Which file? npm run cli -- import-report <report.txt>');
  const report = readPublishedReport(readFileSync(resolve(file), 'utf8'));
  const { projects } = report;
  out(`Herkend: ${projects.length} ${projects.length === 1 ? 'project' : 'projecten'}.`);
  if (report.kind) {
    out(
      `Soort: ${report.kind}${report.year ? ` ${report.year}` : ' (jaar niet gevonden)'}, ` +
        `uit de ${report.kind === 'jaarverslag' ? 'verleden' : 'tegenwoordige'} tijd van de vragen. ` +
        (report.year
          ? "Het blad zet dat in de kolom 'gepubliceerd in'; pas het daar aan als het niet klopt."
          : "Vul in het blad 'gepubliceerd in' aan (bijvoorbeeld 'jaarverslag 2022'); zonder worden de gepubliceerde antwoorden niet bewaard."),
    );
  }
  for (const project of projects) {
    const missing = [
      project.speerpunt === '' ? 'speerpunt' : '',
      project.goal === '' ? 'wat willen we bereiken' : '',
      project.activities === '' ? 'wat willen we ervoor doen' : '',
    ].filter((name) => name !== '');
    out(
      `  ${project.number} ${project.title} (regel ${project.line}), speerpunt ${project.speerpunt || '?'}` +
        (missing.length > 0 ? `; ontbreekt: ${missing.join(', ')}` : ''),
    );
    for (const note of project.footnotes ?? []) {
      out(
        `    voetnoot ${note.number} (regel ${note.line}) ${note.after ? `na ‘${note.after}’` : 'aan het eind'}` +
          `${note.field === 'answer' ? '' : ` van ${FIELD_NAMES[note.field]}`}: ${note.text}`,
      );
    }
  }
  if (report.unplaced.length > 0)
    out('Niet bij een vraag van een project geplaatst (controleer deze tekst):');
  for (const stretch of report.unplaced) {
    const lines =
      stretch.from === stretch.to ? `regel ${stretch.from}` : `regels ${stretch.from}–${stretch.to}`;
    out(`  ${lines}: ${stretch.text}${stretch.text.length >= 120 ? ' …' : ''}`);
  }
  const sheet = options['sheet'] ?? options['csv'];
  if (typeof sheet === 'string') {
    const bytes = /\.xlsx$/i.test(sheet)
      ? await registerSheet(projects, report)
      : registerCsv(projects, report);
    writeFileSync(resolve(sheet), bytes);
    out(
      `Geschreven: ${resolve(sheet)}. Vul de eigenaren in, controleer jaar en 'gepubliceerd in', ` +
        `en lees het in met: npm run cli -- import ${sheet}`,
    );
  }
}
