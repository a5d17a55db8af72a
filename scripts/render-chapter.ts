import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileChapter } from '../src/domain/chapter';
import { logger } from '../src/logger';
import { projectRoot } from '../src/project-root';
import { renderDocx } from '../src/report/docx';
import { readHouseTemplate } from '../src/report/house-template';
import { sampleHouseTemplate } from '../test/support/house-template';
import { FIXTURE_ROUND, FIXTURE_UPDATES } from '../test/unit/report/chapter-fixture';

const log = logger.child({ module: 'render-chapter' });

/**
 * `npm run render:chapter`: the test fixture's chapter as Word, turned into PDF by LibreOffice
 * and into pictures by pdftoppm (Debian: libreoffice-writer-nogui, poppler-utils), written to
 * docs/screenshots/chapter-page-<n>.png, to look at what a coordinator gets; and its first page
 * once more in a sample house template (made here: DejaVu fonts, green headings, grey
 * footnotes, a table style of its own), as docs/screenshots/chapter-house-template.png.
 */
async function main(): Promise<void> {
  const chapter = compileChapter(FIXTURE_ROUND, FIXTURE_UPDATES, '2021-07-02');
  const target = join(projectRoot(), 'docs', 'screenshots');
  const work = mkdtempSync(join(tmpdir(), 'chapter-'));
  try {
    for (const page of pictures(work, 'chapter', await renderDocx(chapter))) {
      const name = page.replace(/-0*(\d+)\.png$/, '-$1.png');
      renameSync(join(work, page), join(target, name));
      log.info(`wrote docs/screenshots/${name}`);
    }
    const house = readHouseTemplate(await sampleHouseTemplate(), 'huisstijl.dotx');
    const [first] = pictures(work, 'house', await renderDocx(chapter, house));
    if (first) {
      renameSync(join(work, first), join(target, 'chapter-house-template.png'));
      log.info('wrote docs/screenshots/chapter-house-template.png');
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The document's pages as PNG files in `work`, named `<name>-page-<n>.png`, in page order. */
function pictures(work: string, name: string, docx: Buffer): string[] {
  const file = join(work, `${name}.docx`);
  writeFileSync(file, docx);
  execFileSync('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, file], {
    stdio: 'ignore',
  });
  execFileSync('pdftoppm', ['-png', '-r', '80', join(work, `${name}.pdf`), join(work, `${name}-page`)]);
  return readdirSync(work)
    .filter((page) => page.startsWith(`${name}-page`) && page.endsWith('.png'))
    .sort();
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'render:chapter failed (are libreoffice and pdftoppm installed?)');
  process.exit(1);
});
