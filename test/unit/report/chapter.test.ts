import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import MarkdownIt from 'markdown-it';
import markdownItFootnote from 'markdown-it-footnote';
import { ACHIEVED, type Achieved } from '../../../src/domain/answer';
import { compileChapter, MISSING_ANSWER } from '../../../src/domain/chapter';
import { projectRoot } from '../../../src/project-root';
import { renderDocx, xmlSafe } from '../../../src/report/docx';
import { renderMarkdown } from '../../../src/report/markdown';
import { FIXTURE_ROUND, FIXTURE_UPDATES } from './chapter-fixture';

const chapter = compileChapter(FIXTURE_ROUND, FIXTURE_UPDATES, '2021-07-02');
const withoutOverview = compileChapter(FIXTURE_ROUND, FIXTURE_UPDATES, '2021-07-02', { overview: false });

/** The fixture's project 2 answered as a jaarverslag, with `achieved` and an answer of its own. */
function yearEndWith(achieved: Achieved, answer: string) {
  return compileChapter(
    { ...FIXTURE_ROUND, id: 'jaarverslag-2021', kind: 'jaarverslag' },
    [
      {
        ...(FIXTURE_UPDATES[1] ?? assert.fail()),
        versions: [
          {
            status: 'afgerond',
            achieved,
            answer,
            expectedCompletion: { quarter: 2, year: 2022 },
            answeredAt: '2022-01-10T10:00:00.000Z',
            answeredBy: 'o',
            answeredByName: 'O',
          },
        ],
      },
    ],
    '2022-02-01',
  );
}
const markdown = new MarkdownIt().use(markdownItFootnote);

describe('compileChapter', () => {
  it('groups the projects by speerpunt, in natural number order, groups by their first project', () => {
    assert.deepEqual(
      chapter.groups.map((group) => [group.speerpunt, group.sections.map((section) => section.number)]),
      [
        ['Financiën', ['2', '10']],
        ['Kwaliteit', ['4.2.2', '4.2.3', '4.2.10']],
      ],
    );
  });

  it('counts the answered projects and flags the missing one instead of dropping it', () => {
    assert.equal(chapter.answered, 4);
    assert.equal(chapter.total, 5);
    const missing = chapter.groups.flatMap((group) => group.sections).filter((section) => section.missing);
    assert.deepEqual(
      missing.map((section) => section.number),
      ['4.2.10'],
    );
  });

  it('takes the latest version of an edited answer', () => {
    const section = chapter.groups[1]?.sections[1];
    assert.equal(section?.number, '4.2.3');
    assert.match(JSON.stringify(section.entries[2]), /tweede kwartaal van 2022/);
    assert.doesNotMatch(JSON.stringify(section.entries[2]), /Eerste versie/);
  });

  it('numbers deviation and financial footnotes through the chapter, in reading order', () => {
    assert.deepEqual(
      chapter.footnotes.map((footnote) => [footnote.number, footnote.text.slice(0, 20)]),
      [
        [1, 'Extra budget van € 4'],
        [2, 'On hold sinds mei.'],
        [3, 'Geen extra kosten.'],
        [4, 'Oorspronkelijk gepla'],
      ],
    );
  });

  it('asks the jaarverslag questions in the past tense', () => {
    const rendered = renderMarkdown(yearEndWith('deels', 'Grotendeels.'));
    assert.match(rendered, /^# Jaarverslag 2021$/m);
    assert.match(rendered, /\*\*Wat wilden we bereiken\?\*\*/);
    assert.match(rendered, /\*\*Wat wilden we ervoor doen\?\*\*/);
    assert.match(rendered, /\*\*Hebben we bereikt met wat we wilden gaan doen\?\*\* Grotendeels\.$/m);
  });

  for (const achieved of ACHIEVED) {
    it(`prints the answer exactly as written, nothing before or after it, when bereikt is ${achieved}`, () => {
      const answer = 'Ja, voor een deel.\n\nNee: niet alles.';
      const yearEnd = yearEndWith(achieved, answer);
      const entry = yearEnd.groups[0]?.sections[0]?.entries[2];
      assert.deepEqual(entry?.answer, [{ text: answer }]);
      assert.deepEqual(yearEnd.overview?.rows, [
        {
          number: '2',
          title: 'Begroting meerjarig sluitend',
          status: 'afgerond',
          achieved,
          expectedCompletion: { quarter: 2, year: 2022 },
        },
      ]);
    });
  }

  it('puts every project in the overview, in report order, with a dash where nothing came in', () => {
    assert.equal(chapter.overview?.showAchieved, false, 'a voortgangsrapportage does not ask bereikt');
    assert.deepEqual(
      (chapter.overview ?? assert.fail('no overview')).rows.map((row) => [row.number, row.status ?? '—']),
      [
        ['2', 'op-schema'],
        ['10', 'on-hold'],
        ['4.2.2', 'op-schema'],
        ['4.2.3', 'vertraagd'],
        ['4.2.10', '—'],
      ],
    );
    assert.equal(withoutOverview.overview, undefined, 'the coordinator can leave it out');
  });
});

describe('renderMarkdown', () => {
  const rendered = renderMarkdown(chapter);

  it('matches the expected chapter exactly', () => {
    const expected = readFileSync(
      join(projectRoot(), 'test', 'fixtures', 'chapter', 'voortgangsrapportage-2021.md'),
      'utf8',
    );
    assert.equal(rendered, expected);
  });

  it('keeps the structure whatever the owners typed: headings, paragraphs and footnotes only', () => {
    const tokens = markdown.parse(renderMarkdown(withoutOverview), {});
    const blockTypes = new Set(tokens.map((token) => token.type.replace(/_(open|close)$/, '')));
    assert.deepEqual(
      [...blockTypes].sort(),
      ['footnote', 'footnote_anchor', 'footnote_block', 'heading', 'inline', 'paragraph'],
      'no lists, quotes, code, tables or HTML came from an answer',
    );
    const headings = tokens.flatMap((token, i) =>
      token.type === 'heading_open' ? [`${token.tag} ${tokens[i + 1]?.content ?? ''}`] : [],
    );
    assert.deepEqual(headings, [
      'h1 Voortgangsrapportage 2021',
      'h2 Speerpunt Financiën',
      'h3 2 Begroting meerjarig sluitend',
      'h3 10 Digitale dienstverlening',
      'h2 Speerpunt Kwaliteit',
      'h3 4.2.2 Inclusief werkgeverschap',
      'h3 4.2.3 Integrale dienstverlening afdeling bedrijfsvoering',
      'h3 4.2.10 Archief op orde',
    ]);
  });

  it('shows an answer full of markup as the text that was typed', () => {
    const html = markdown.render(rendered);
    assert.ok(html.includes('# Geen kop<br>\n- geen lijst<br>\n1. geen opsomming<br>\n&gt; geen citaat<br>'));
    assert.ok(
      html.includes('**niet vet** &lt;b&gt;geen html&lt;/b&gt; ${geen.template} [geen](link) | geen | tabel'),
    );
  });

  it('flags a missing answer visibly', () => {
    assert.ok(rendered.includes(`**Wat is de stand van zaken?** **⚠ ${MISSING_ANSWER}**`));
  });

  it('starts with the overview as a table: one row per project, the values in words', () => {
    const tokens = markdown.parse(rendered, {});
    const firstHeadings = tokens.filter((token) => token.type === 'inline').map((token) => token.content);
    assert.equal(firstHeadings[1], 'Overzicht');
    const html = markdown.render(rendered);
    assert.equal((html.match(/<table>/g) ?? []).length, 1, 'one table: the overview');
    const cells = [...html.matchAll(/<t[dh]>(.*?)<\/t[dh]>/g)].map((match) => match[1]);
    assert.deepEqual(cells.slice(0, 4), ['Nr.', 'Project', 'Status', 'Verwachte afronding']);
    assert.deepEqual(cells.slice(4, 8), ['2', 'Begroting meerjarig sluitend', 'Op schema', '—']);
    assert.deepEqual(cells.at(-4), '4.2.10');
    assert.deepEqual(cells.at(-2), '—');
    const yearEnd = markdown.render(renderMarkdown(yearEndWith('nee', 'Niet gehaald.')));
    assert.ok(
      yearEnd.includes(
        '<td>2</td>\n<td>Begroting meerjarig sluitend</td>\n<td>Afgerond</td>\n<td>Nee</td>\n<td>Q2 2022</td>',
      ),
      yearEnd,
    );
  });

  it('keeps the owner’s paragraphs as paragraphs', () => {
    const html = markdown.render(
      renderMarkdown(yearEndWith('ja', 'Eerste alinea\nnog steeds.\n\nTweede alinea.')),
    );
    assert.ok(
      html.includes(
        '<strong>Hebben we bereikt met wat we wilden gaan doen?</strong> Eerste alinea<br>\nnog steeds.</p>\n<p>Tweede alinea.</p>',
      ),
      html,
    );
  });
});

describe('renderDocx', () => {
  let documentXml = '';
  let footnotesXml = '';
  let coreXml = '';

  before(async () => {
    const zip = await JSZip.loadAsync(await renderDocx(chapter));
    documentXml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    footnotesXml = (await zip.file('word/footnotes.xml')?.async('string')) ?? '';
    coreXml = (await zip.file('docProps/core.xml')?.async('string')) ?? '';
  });

  /** The paragraphs of the body as [style, text], in order. */
  function paragraphs(xml: string): [string, string][] {
    return [...xml.matchAll(/<w:p>(.*?)<\/w:p>|<w:p [^>]*>(.*?)<\/w:p>/gs)].map((match) => {
      const inner = match[1] ?? match[2] ?? '';
      const style = /<w:pStyle w:val="([^"]+)"/.exec(inner)?.[1] ?? '';
      const text = [...inner.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
      return [style, text];
    });
  }

  it('uses Word headings for the chapter, the speerpunten and the projects, in order', () => {
    const headings = paragraphs(documentXml).filter(([style]) => style.startsWith('Heading'));
    assert.deepEqual(headings, [
      ['Heading1', 'Voortgangsrapportage 2021'],
      ['Heading2', 'Overzicht'],
      ['Heading2', 'Speerpunt Financiën'],
      ['Heading3', '2 Begroting meerjarig sluitend'],
      ['Heading3', '10 Digitale dienstverlening'],
      ['Heading2', 'Speerpunt Kwaliteit'],
      ['Heading3', '4.2.2 Inclusief werkgeverschap'],
      ['Heading3', '4.2.3 Integrale dienstverlening afdeling bedrijfsvoering'],
      ['Heading3', '4.2.10 Archief op orde'],
    ]);
  });

  it('puts each question and its answer in a paragraph, the answer verbatim', () => {
    const texts = paragraphs(documentXml).map(([, text]) => text);
    assert.ok(texts.includes('Wat is de stand van zaken? De begroting 2022 is sluitend.'));
    assert.ok(
      texts.some((text) =>
        text.startsWith(
          'Wat is de stand van zaken? # Geen kop- geen lijst1. geen opsomming&gt; geen citaat**niet vet**',
        ),
      ),
      'markup is text, every line a run of its own',
    );
    assert.ok(
      documentXml.includes('&lt;b&gt;geen html&lt;/b&gt;') && !documentXml.includes('<b>'),
      'HTML stays text',
    );
    assert.ok(texts.includes(`Wat is de stand van zaken? ⚠ ${MISSING_ANSWER}`));
  });

  it('makes real Word footnotes, referenced in reading order', () => {
    const references = [...documentXml.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) =>
      Number(m[1]),
    );
    assert.deepEqual(references, [1, 2, 3, 4]);
    const notes = [...footnotesXml.matchAll(/<w:footnote w:id="(\d+)"[^>]*>(.*?)<\/w:footnote>/gs)]
      .filter((m) => Number(m[1]) > 0)
      .map((m) => [
        Number(m[1]),
        // Word puts a space between the note's number and its text.
        [...(m[2] ?? '').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
          .map((t) => t[1])
          .join('')
          .replace(/^ /, ''),
      ]);
    assert.deepEqual(notes, [
      [1, 'Extra budget van € 40.000 aangevraagd voor de accountant.'],
      [2, 'On hold sinds mei.'],
      [3, 'Geen extra kosten.'],
      [4, 'Oorspronkelijk gepland voor eind 2021; de aanbesteding liep vertraging op.'],
    ]);
  });

  it('starts with the overview as a table with a repeated header row and a coloured marker per value', () => {
    const table = /<w:tbl>.*?<\/w:tbl>/s.exec(documentXml)?.[0] ?? assert.fail('no table');
    assert.equal((documentXml.match(/<w:tbl>/g) ?? []).length, 1);
    const rows = [...table.matchAll(/<w:tr>(.*?)<\/w:tr>/gs)].map((row) =>
      [...(row[1] ?? '').matchAll(/<w:tc>(.*?)<\/w:tc>/gs)].map((cell) =>
        [...(cell[1] ?? '').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
      ),
    );
    assert.deepEqual(rows[0], ['Nr.', 'Project', 'Status', 'Verwachte afronding']);
    assert.deepEqual(rows[2], ['10', 'Digitale dienstverlening', '● On hold', '—']);
    assert.deepEqual(rows.at(-1), ['4.2.10', 'Archief op orde', '—', '—']);
    assert.match(table, /<w:tblHeader\/>/);
    assert.match(
      table,
      /<w:color w:val="2E7D32"\/><\/w:rPr><w:t xml:space="preserve">● </,
      'op schema in green',
    );
    assert.match(
      table,
      /<w:color w:val="C77C00"\/><\/w:rPr><w:t xml:space="preserve">● </,
      'on hold in amber',
    );
  });

  it('leaves the overview out when asked, and prints no completeness line on the page', async () => {
    const zip = await JSZip.loadAsync(await renderDocx(withoutOverview));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    assert.doesNotMatch(xml, /<w:tbl>/);
    assert.doesNotMatch(xml, /Samengesteld op|projecten beantwoord/);
    assert.match(coreXml, /4 van 5 projecten beantwoord/, 'it is in the document properties');
  });

  it('makes each paragraph of an answer a Word paragraph, the question opening the first', async () => {
    const zip = await JSZip.loadAsync(
      await renderDocx(yearEndWith('ja', 'Eerste alinea\nnog steeds.\n\nTweede alinea.')),
    );
    const texts = paragraphs((await zip.file('word/document.xml')?.async('string')) ?? '').map(
      ([, text]) => text,
    );
    const at = texts.indexOf('Hebben we bereikt met wat we wilden gaan doen? Eerste alineanog steeds.');
    assert.ok(at > 0, JSON.stringify(texts));
    assert.equal(texts[at + 1], 'Tweede alinea.');
  });

  it('names the chapter in the document properties', () => {
    assert.match(coreXml, /<dc:title>Voortgangsrapportage 2021<\/dc:title>/);
  });

  it('replaces what XML cannot hold, and keeps everything else', () => {
    assert.equal(xmlSafe('a\u0007b\u001bc\uD800d'), 'a\uFFFDb\uFFFDc\uFFFDd');
    assert.equal(xmlSafe('RTL \u202Eטקסט\u202C 👩‍💻 <b>&'), 'RTL \u202Eטקסט\u202C 👩‍💻 <b>&');
  });
});
