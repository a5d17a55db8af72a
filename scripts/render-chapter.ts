import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileChapter } from '../src/domain/chapter';
import { logger } from '../src/logger';
import { projectRoot } from '../src/project-root';
import { renderDocx } from '../src/report/docx';
import { FIXTURE_ROUND, FIXTURE_UPDATES } from '../test/unit/report/chapter-fixture';

const log = logger.child({ module: 'render-chapter' });

/**
 * `npm run render:chapter`: the test fixture's chapter as Word, turned into PDF by LibreOffice
 * and into pictures by pdftoppm (Debian: libreoffice-writer-nogui, poppler-utils), written to
 * docs/screenshots/chapter-page-<n>.png, to look at what a coordinator gets.
 */
async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'chapter-'));
  try {
    const docx = join(work, 'chapter.docx');
    writeFileSync(docx, await renderDocx(compileChapter(FIXTURE_ROUND, FIXTURE_UPDATES, '2021-07-02')));
    execFileSync('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, docx], {
      stdio: 'ignore',
    });
    execFileSync('pdftoppm', ['-png', '-r', '80', join(work, 'chapter.pdf'), join(work, 'chapter-page')]);
    const target = join(projectRoot(), 'docs', 'screenshots');
    for (const page of readdirSync(work).filter((name) => name.endsWith('.png'))) {
      const name = page.replace(/-0*(\d+)\.png$/, '-$1.png');
      renameSync(join(work, page), join(target, name));
      log.info(`wrote docs/screenshots/${name}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'render:chapter failed (are libreoffice and pdftoppm installed?)');
  process.exit(1);
});
