import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { placeIn } from '../src/domain/answer';
import { compileChapter } from '../src/domain/chapter';
import { readPublishedReport } from '../src/domain/report-markdown';
import { renderDocx } from '../src/report/docx';
import { printFigures } from './bench/print-figures';
import { logger } from '../src/logger';
import { generatedRounds, placedNotes, roundOf } from '../test/support/report-arbitraries';

const log = logger.child({ module: 'roundtrip:pdf' });
const CASES = Number(process.env['ROUND_TRIP_CASES'] ?? 24);
const SEED = 20261205;
const LIGATURES: Readonly<Record<string, string>> = { ĳ: 'ij', ﬁ: 'fi', ﬂ: 'fl', ﬃ: 'ffi' };

/** The text as a PDF gives it back at best: ligatures as letters. */
const asPrinted = (text: string) => text.replace(/[ĳﬁﬂﬃ]/g, (ligature) => LIGATURES[ligature] ?? ligature);
/**
 * The text without the kind of its breaks: a PDF shows a line break and a paragraph break alike
 * but for the space between them, and a break after a line that happened to fill the width
 * looks like the layout's own.
 */
const breaksAlike = (text: string) => text.replace(/\s+/g, ' ');
/**
 * The text without the spaces at places where the layout may break a line although the owner
 * typed no space there (Unicode line breaking): between a closing and an opening bracket
 * ("[link](x)"), after a vertical line ("a|b") and before a pictograph ("**⚠"). A PDF's text
 * shows such a break exactly as a break at a space ("[link]" / "(x)"), so no reader can tell
 * them apart (the reader joins the lines with a space, as it must for the far more common break at
 * a space). Only a space at exactly those places is overlooked, and the run counts each such field.
 */
const spacesAlike = (text: string) =>
  breaksAlike(text).replace(/(?<=[\])}]) (?=[[({])|(?<=\|) | (?=\p{Extended_Pictographic})/gu, '');

/**
 * `npm run roundtrip:pdf`: the property test of `test/unit/report/round-trip.test.ts`, through
 * the pipeline a published report goes through. Generated rounds (fixed seed) are compiled to
 * Word, turned into PDF by LibreOffice (Debian: libreoffice-writer-nogui) and into text by
 * `pdftotext -layout` (poppler-utils), and read back with import-report. Every project, answer,
 * goal, activities and footnote (its text and the place it follows) must come back. Where the
 * text comes back but a paragraph break came back as a line break (or the other way round),
 * which a PDF's text cannot always tell, the run says so and counts it (breakKind); so it does where
 * the layout broke a line at a place the owner typed no space (breakWithoutSpace). Ends with one
 * JSON line.
 */
async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'round-trip-'));
  try {
    const rounds = fc.sample(generatedRounds(true), { numRuns: CASES, seed: SEED });
    const files = rounds.map((_, index) => join(work, `case-${index}.docx`));
    await Promise.all(
      rounds.map(async (generated, index) => {
        const { round, updates } = roundOf(generated);
        writeFileSync(files[index] ?? '', await renderDocx(compileChapter(round, updates, '2023-02-01')));
      }),
    );
    {
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, ...files], {
        stdio: 'ignore',
        timeout: 300_000,
      });
      let projects = 0;
      let exact = 0;
      /** Projects with no difference: exactly, or but for breaks a PDF's text cannot tell. */
      let cameBack = 0;
      let breakKind = 0;
      let breakWithoutSpace = 0;
      const differences: string[] = [];
      rounds.forEach((generated, index) => {
        const pdf = join(work, `case-${index}.pdf`);
        execFileSync('pdftotext', ['-layout', pdf, `${pdf}.txt`]);
        const report = readPublishedReport(readFileSync(`${pdf}.txt`, 'utf8'));
        const where = `case ${index}`;
        if (report.kind !== generated.kind)
          differences.push(`${where}: kind ${report.kind} ≠ ${generated.kind}`);
        if (report.projects.length !== generated.projects.length) {
          differences.push(
            `${where}: ${report.projects.length} projects read back, ${generated.projects.length} compiled ` +
              `(${report.projects.map((p) => p.number).join(', ')})`,
          );
        }
        for (const { project, version } of generated.projects) {
          projects++;
          const differing = differences.length;
          const found = report.projects.find((candidate) => candidate.number === project.number);
          if (!found) {
            differences.push(`${where}: project ${project.number} not found`);
            continue;
          }
          const pairs: [string, string, string][] = [
            ['title', found.title, asPrinted(project.title)],
            ['speerpunt', found.speerpunt, project.speerpunt],
            ['goal', found.goal, asPrinted(project.goal)],
            ['activities', found.activities, asPrinted(project.activities)],
            ['answer', found.answer, asPrinted(version.answer)],
          ];
          let alike = true;
          for (const [name, got, want] of pairs) {
            if (got === want) continue;
            alike = false;
            if (breaksAlike(got) === breaksAlike(want)) {
              breakKind++;
              log.info(
                `${where} ${project.number} ${name}: the same text, with a break of another kind or in another place`,
              );
            } else if (spacesAlike(got) === spacesAlike(want)) {
              breakWithoutSpace++;
              log.info(
                `${where} ${project.number} ${name}: the same text, with a line break where the owner typed no space`,
              );
            } else {
              differences.push(
                `${where} ${project.number} ${name}:\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(want)}`,
              );
            }
          }
          /** The notes read back and compiled, each as its text and the length of the text before it. */
          const notes = (text: (note: string) => string, before: (text: string) => string) =>
            [
              (found.footnotes ?? []).map((note) => ({
                text: text(note.text),
                position: before(
                  found.answer.slice(0, note.after === '' ? undefined : placeIn(found.answer, note.after)),
                ).length,
              })),
              placedNotes(version).map((note) => ({
                text: text(asPrinted(note.text)),
                position: before(asPrinted(version.answer.slice(0, note.position))).length,
              })),
            ].map((list) => JSON.stringify(list));
          const [gotNotes, wantNotes] = notes((text) => text, breaksAlike);
          if (gotNotes !== wantNotes) {
            alike = false;
            // A break without a space in a note's text, or in the answer before its place, as above.
            const [gotSpaced, wantSpaced] = notes(spacesAlike, spacesAlike);
            if (gotSpaced === wantSpaced) {
              breakWithoutSpace++;
              log.info(
                `${where} ${project.number} footnotes: the same, but for a line break where the owner typed no space`,
              );
            } else {
              differences.push(
                `${where} ${project.number} footnotes:\n  got  ${gotNotes}\n  want ${wantNotes}`,
              );
            }
          }
          if (alike) exact++;
          if (differences.length === differing) cameBack++;
        }
      });
      for (const difference of differences) log.warn(`differs: ${difference}`);
      printFigures({
        bench: 'roundtrip-pdf',
        cases: CASES,
        projects,
        cameBack,
        exact,
        breakKind,
        breakWithoutSpace,
        differences: differences.length,
      });
      if (differences.length > 0) process.exitCode = 1;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'roundtrip:pdf failed (are libreoffice and pdftotext installed?)');
  process.exit(1);
});
