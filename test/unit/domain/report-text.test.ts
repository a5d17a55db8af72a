import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { previousAnswerOf, recogniseReport, recogniseReportText } from '../../../src/domain/report-text';
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
      footnotes: [],
    });
  });

  it('does not take a sentence that starts with a number for a heading', () => {
    const projects = recogniseReportText(
      '1.1 Project\nWat willen we bereiken? Doel.\n2.5 miljoen is begroot.',
    );
    assert.equal(projects.length, 1);
    assert.equal(projects[0]?.goal, 'Doel. 2.5 miljoen is begroot.');
  });
  it('reads a jaarverslag with one-level numbers, long titles, broken questions, ligatures, page furniture, footnotes and a paragraph that ends on a short line', () => {
    const text = readFileSync(
      join(projectRoot(), 'test', 'fixtures', 'report', 'jaarverslag-2022-excerpt.txt'),
      'utf8',
    );

    const projects = recogniseReportText(text);

    assert.deepEqual(
      projects.map((project) => ({ ...project })),
      [
        {
          number: '7',
          title: 'Digitale dienstverlening',
          speerpunt: 'Dienstverlening',
          goal: 'Een digitaal loket waar inwoners en ondernemers hun zaken met de gemeente afhandelen.',
          activities:
            'De twintig meest gebruikte formulieren digitaliseren en de afhandeling in het zaaksysteem inrichten.',
          answer:
            'Ja. Alle twintig formulieren staan online. De eerste financiële afrekening is in het ' +
            'zaaksysteem verwerkt; de verantwoordelijkheid voor het beheer ligt nu bij het team ' +
            'Dienstverlening.\n\nHet gebruik is in het tweede halfjaar verdubbeld.',
          line: 6,
          footnotes: [],
        },
        {
          number: '8',
          title:
            'Verbetering van de dienstverlening aan inwoners en ondernemers in de regio Amstelland en de Meerlanden',
          speerpunt: 'Dienstverlening',
          goal: 'Eén aanspreekpunt voor ondernemers in de regio.',
          activities: 'Een regionaal ondernemersloket inrichten met de buurgemeenten.',
          answer:
            'Deels. Het loket is in september geopend; de aansluiting van twee gemeenten volgt in 2023.',
          line: 27,
          footnotes: [
            {
              number: 2,
              text: 'De opening was gepland voor juni; de verbouwing van de balie liep uit.',
              after: 'geopend',
              field: 'answer',
              line: 36,
            },
          ],
        },
        {
          number: '12',
          title: 'Huisvesting',
          speerpunt: 'Bedrijfsvoering',
          goal: 'Een gemeentehuis dat past bij de manier van werken.',
          activities: 'Het gemeentehuis verbouwen tot een flexibele werkomgeving.',
          answer:
            'Nee. De aanbesteding is in het voorjaar stilgelegd; de raad besluit in 2023 over een nieuw ' +
            'plan dat past binnen het budget van het meerjarenperspectief. De ambtelijke voorbereiding ' +
            'loopt in de CO2-neutrale werkplaats van de regio, waar ook de Q3-rapportage wordt opgesteld.',
          line: 38,
          footnotes: [
            {
              number: 3,
              text: '(Oorspronkelijk gepland voor het najaar van 2022; de inschrijvingen lagen ver boven het budget.)',
              after: 'voorjaar',
              field: 'answer',
              line: 46,
            },
            {
              number: 4,
              text: 'Een extra krediet van € 250.000 is niet aangevraagd.',
              after: 'budget',
              field: 'answer',
              line: 48,
            },
          ],
        },
      ],
    );
  });

  it('keeps a blank line as a paragraph break only where a sentence ended before it', () => {
    const projects = recogniseReportText(
      [
        '3 Project',
        'Wat is de stand van zaken? De oplevering is verschoven naar het',
        '',
        'tweede kwartaal.',
        '',
        'Daarna volgt de evaluatie.',
      ].join('\n'),
    );
    assert.equal(
      projects[0]?.answer,
      'De oplevering is verschoven naar het tweede kwartaal.\n\nDaarna volgt de evaluatie.',
    );
  });

  it('does not take a numbered line without a question after it for a project', () => {
    const projects = recogniseReportText(
      [
        '1 Project',
        'Wat is de stand van zaken? Er zijn',
        '',
        '3 Wethouders bij betrokken',
        'en dat blijft zo.',
      ].join('\n'),
    );
    assert.equal(projects.length, 1);
    assert.equal(projects[0]?.answer, 'Er zijn 3 Wethouders bij betrokken en dat blijft zo.');
  });

  it('starts the next round from the published answer, its first footnote the deviation and the second the financial note', () => {
    const projects = recogniseReportText(
      readFileSync(join(projectRoot(), 'test', 'fixtures', 'report', 'jaarverslag-2022-excerpt.txt'), 'utf8'),
    );
    const huisvesting = projects.find((project) => project.number === '12');

    assert.deepEqual(huisvesting && previousAnswerOf(huisvesting), {
      status: 'op-schema',
      answer: huisvesting?.answer,
      deviation:
        '(Oorspronkelijk gepland voor het najaar van 2022; de inschrijvingen lagen ver boven het budget.)',
      deviationAt: 'voorjaar',
      financial: 'Een extra krediet van € 250.000 is niet aangevraagd.',
      financialAt: 'budget',
    });
  });

  it('tells the report kind from the questions’ tense, the year from its title, and lists text outside any project by line', () => {
    const read = (name: string) =>
      recogniseReport(readFileSync(join(projectRoot(), 'test', 'fixtures', 'report', name), 'utf8'));

    const jaarverslag = read('jaarverslag-2022-excerpt.txt');
    const voortgang = read('voortgangsrapportage-2021-excerpt.txt');

    assert.equal(jaarverslag.kind, 'jaarverslag');
    assert.equal(jaarverslag.year, 2022);
    assert.deepEqual(jaarverslag.unplaced, [
      {
        from: 3,
        to: 4,
        text: 'Hebben we bereikt met wat we wilden gaan doen? De laatste formulieren zijn in december omgezet.',
      },
    ]);
    assert.equal(voortgang.kind, 'voortgangsrapportage');
    assert.equal(voortgang.year, undefined);
    assert.deepEqual(
      voortgang.unplaced.map((stretch) => [stretch.from, stretch.to]),
      [[3, 26]],
    );
    assert.match(voortgang.unplaced[0]?.text ?? '', /^Wat is de stand van zaken\? Recent zijn de visie/);
  });

  it('lists the lines between a heading and its first question instead of dropping them', () => {
    const report = recogniseReport(
      ['5 Project', 'Speerpunt Zorg', 'Een losse inleiding.', 'Wat willen we bereiken? Doel.'].join('\n'),
    );
    assert.deepEqual(report.unplaced, [{ from: 3, to: 3, text: 'Een losse inleiding.' }]);
    assert.equal(report.projects[0]?.goal, 'Doel.');
  });

  it('takes a footnote reference the layout set apart from the word or the full stop before it, also two at one place', () => {
    const report = recogniseReport(
      [
        '3 Project',
        'Speerpunt Kwaliteit',
        'Wat is de stand van zaken? De oplevering is verschoven. 1 Daarna volgt de evaluatie van het',
        'project 2 in het najaar. Het budget is met 12,5 procent verhoogd. 3,4',
        '',
        '1',
        '  Gepland voor juni.',
        '2 De evaluatie was voorzien in het voorjaar.',
        '3 De raad besloot in mei.',
        '4',
        '  Een extra krediet van € 40.000.',
      ].join('\n'),
    );

    const [project] = report.projects;
    assert.equal(
      project?.answer,
      'De oplevering is verschoven. Daarna volgt de evaluatie van het project in het najaar. ' +
        'Het budget is met 12,5 procent verhoogd.',
    );
    assert.deepEqual(
      project.footnotes?.map((note) => [note.number, note.after, note.text]),
      [
        [1, 'verschoven.', 'Gepland voor juni.'],
        [2, 'project', 'De evaluatie was voorzien in het voorjaar.'],
        [3, '', 'De raad besloot in mei.'],
        [4, '', 'Een extra krediet van € 40.000.'],
      ],
    );
  });

  it('takes a section heading with its speerpunt line under it on the same page for a heading, not for a footnote with that number', () => {
    const report = recogniseReport(
      [
        '5 Eerste',
        'Speerpunt Kwaliteit',
        'Wat is de stand van zaken? De oplevering van het project6 volgt in het najaar.',
        '',
        '6 Tweede project met een lange titel',
        'Speerpunt Kwaliteit',
        'Wat is de stand van zaken? Op schema7 en de',
        '',
        '6',
        '  Gepland voor juni.',
        '7 Zie de bijlage',
        '\fSpeerpunt Kwaliteit',
        'oplevering volgt.',
      ].join('\n'),
    );

    assert.deepEqual(
      report.projects.map((project) => [project.number, project.title, project.answer]),
      [
        ['5', 'Eerste', 'De oplevering van het project volgt in het najaar.'],
        ['6', 'Tweede project met een lange titel', 'Op schema en de oplevering volgt.'],
      ],
    );
    assert.deepEqual(
      report.projects.map((project) =>
        project.footnotes?.map((note) => [note.number, note.after, note.text]),
      ),
      [[[6, 'project', 'Gepland voor juni.']], [[7, 'schema', 'Zie de bijlage']]],
    );
  });

  it('takes a footnote reference after an amount that ends a sentence at the start of a line', () => {
    const report = recogniseReport(
      [
        '3 Project',
        'Speerpunt Financiën',
        'Wat is de stand van zaken? Het budget is verhoogd met €',
        '40.000.8 Het aantal inwoners is',
        '1.000.012 en dat blijft zo.',
        '',
        '8 Besloten in mei.',
      ].join('\n'),
    );

    const [project] = report.projects;
    assert.equal(
      project?.answer,
      'Het budget is verhoogd met € 40.000. Het aantal inwoners is 1.000.012 en dat blijft zo.',
    );
    assert.deepEqual(
      project.footnotes?.map((note) => [note.number, note.after]),
      [[8, '40.000.']],
    );
  });

  it('gives back the owner’s text from a compiled chapter that went through Word, LibreOffice’s PDF and pdftotext -layout', () => {
    // test/fixtures/report/chapter-through-pdf.txt: five projects with one answer of paragraphs
    // and a numbered list, footnotes mid-sentence, the overview table and page breaks inside answers.
    const owner =
      'Het programma liep in het eerste halfjaar volgens plan en de verantwoordelijkheid voor de uitvoering lag bij het ' +
      'team Dienstverlening. In het najaar bleek dat de leverancier de koppeling met het zaaksysteem niet op tijd kon ' +
      'leveren, waardoor de oplevering is verschoven naar het tweede kwartaal van 2023.\n\nWe hebben drie dingen gedaan:\n' +
      '1. Een nieuwe planning gemaakt met de leverancier en de afdeling Informatievoorziening, die in september door het ' +
      'managementteam is vastgesteld.\n2. De financiële gevolgen in kaart gebracht.\n3. De raad geïnformeerd.\n\n' +
      'De officiële afronding volgt in 2023.';

    const report = recogniseReport(
      readFileSync(join(projectRoot(), 'test', 'fixtures', 'report', 'chapter-through-pdf.txt'), 'utf8'),
    );

    assert.deepEqual(
      report.projects.map((project) => project.number),
      ['7', '8', '9', '10', '11'],
    );
    assert.equal(
      report.projects[1]?.title,
      'Verbetering van de dienstverlening aan inwoners en ondernemers in de regio Amstelland en de Meerlanden',
    );
    for (const project of report.projects)
      assert.equal(project.answer, owner, `the answer of ${project.number}`);
    assert.deepEqual(
      report.projects.map((project) => (project.footnotes ?? []).map((note) => [note.number, note.after])),
      [
        [
          [1, 'kwartaal'],
          [2, 'gebracht'],
        ],
        [[3, 'kwartaal']],
        [
          [4, 'kwartaal'],
          [5, 'gebracht'],
        ],
        [[6, 'kwartaal']],
        [
          [7, 'kwartaal'],
          [8, 'gebracht'],
        ],
      ],
    );
    assert.deepEqual(
      report.unplaced.map((stretch) => [stretch.from, stretch.to]),
      [[3, 12]],
      'the overview table is listed, not read as projects',
    );
  });
});
