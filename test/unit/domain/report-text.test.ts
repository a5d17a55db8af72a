import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recogniseReportText } from '../../../src/domain/report-text';
import { projectRoot } from '../../../src/project-root';

describe('recogniseReportText', () => {
  it('recognises the numbered sections of a real report, with speerpunt, goal and activities', () => {
    const text = readFileSync(
      join(projectRoot(), 'test', 'fixtures', 'report', 'voortgangsrapportage-2021-excerpt.txt'),
      'utf8',
    );

    const projects = recogniseReportText(text);

    assert.deepEqual(
      projects.map((project) => [project.number, project.title, project.speerpunt]),
      [
        ['4.2.3', 'Integrale dienstverlening afdeling bedrijfsvoering', 'Kwaliteit'],
        ['4.2.4', 'Borgen zaakgericht werken in de vier organisaties', 'Kwaliteit'],
      ],
    );
    const [first, second] = projects;
    assert.equal(first?.goal, 'Integrale dienstverlening afdeling Bedrijfsvoering');
    assert.match(
      first.activities,
      /^In 2020 heeft de afdeling Bedrijfsvoering zich gericht op het meer integraal vormgeven/,
    );
    assert.match(
      first.activities,
      /opdrachtgever- en opdrachtnemerschap/,
      'a line break after a hyphen is undone',
    );
    assert.match(first.answer, /^Deze ontwikkeling loopt mee in het Programma Integrale Dienstverlening\./);
    assert.equal(second?.goal, 'Borgen zaakgericht werken in de vier organisaties');
    assert.match(second.activities, /eisen die daaraan vanuit toezicht worden gesteld\.$/);
  });

  it('takes the past-tense questions of a jaarverslag and keeps paragraph breaks', () => {
    const projects = recogniseReportText(
      [
        '2.1 Begroting',
        'Speerpunt Financiën',
        'Wat wilden we bereiken? Een sluitende',
        'begroting.',
        'Wat wilden we ervoor doen? Bezuinigen.',
        '',
        'En herijken.',
        'Hebben we bereikt met wat we wilden gaan doen? Ja.',
      ].join('\n'),
    );

    assert.deepEqual(projects[0] && { ...projects[0] }, {
      number: '2.1',
      title: 'Begroting',
      speerpunt: 'Financiën',
      goal: 'Een sluitende begroting.',
      activities: 'Bezuinigen.\n\nEn herijken.',
      answer: 'Ja.',
      line: 1,
    });
  });

  it('does not take a sentence that starts with a number for a heading', () => {
    const projects = recogniseReportText(
      '1.1 Project\nWat willen we bereiken? Doel.\n2.5 miljoen is begroot.',
    );
    assert.equal(projects.length, 1);
    assert.equal(projects[0]?.goal, 'Doel. 2.5 miljoen is begroot.');
  });
});
