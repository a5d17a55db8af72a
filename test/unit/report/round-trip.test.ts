import assert from 'node:assert/strict';
import fc from 'fast-check';
import { placeIn } from '../../../src/domain/answer';
import { compileChapter } from '../../../src/domain/chapter';
import { readPublishedReport } from '../../../src/domain/report-markdown';
import { renderMarkdown } from '../../../src/report/markdown';
import { generatedRounds, placedNotes, roundOf } from '../../support/report-arbitraries';

describe('a compiled chapter read back', () => {
  it('gives the same projects, answers and footnote places from the Markdown (200 generated rounds)', () => {
    fc.assert(
      fc.property(generatedRounds(false), (generated) => {
        const { round, updates } = roundOf(generated);
        const markdown = renderMarkdown(compileChapter(round, updates, '2023-02-01'));

        const report = readPublishedReport(markdown);

        assert.equal(report.kind, generated.kind);
        assert.equal(report.year, 2022);
        assert.deepEqual(report.unplaced, []);
        assert.equal(report.projects.length, generated.projects.length);
        for (const { project, version } of generated.projects) {
          const found = report.projects.find((candidate) => candidate.number === project.number);
          assert.ok(found, `project ${project.number} is read back`);
          assert.deepEqual(
            [found.title, found.speerpunt, found.goal, found.activities, found.answer],
            [project.title, project.speerpunt, project.goal, project.activities, version.answer],
          );
          assert.deepEqual(
            (found.footnotes ?? []).map((n) => ({
              text: n.text,
              position: n.after === '' ? found.answer.length : placeIn(found.answer, n.after),
            })),
            placedNotes(version),
            `the footnotes of ${project.number} come back at their places`,
          );
        }
      }),
      { seed: 20261205, numRuns: 200 },
    );
  });
});
