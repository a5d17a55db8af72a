import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import MarkdownIt from 'markdown-it';
import markdownItFootnote from 'markdown-it-footnote';
import { compileChapter, MISSING_ANSWER } from '../../../src/domain/chapter';
import { projectRoot } from '../../../src/project-root';
import { renderDocx, xmlSafe } from '../../../src/report/docx';
import { renderMarkdown } from '../../../src/report/markdown';
import { FIXTURE_ROUND, FIXTURE_UPDATES } from './chapter-fixture';

const chapter = compileChapter(FIXTURE_ROUND, FIXTURE_UPDATES, '2021-07-02');
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

  it('asks the jaarverslag questions in the past tense and starts the answer with bereikt?', () => {
    const yearEnd = compileChapter(
      { ...FIXTURE_ROUND, id: 'jaarverslag-2021', kind: 'jaarverslag' },
      [
        {
          ...(FIXTURE_UPDATES[1] ?? assert.fail()),
          versions: [
            {
              status: 'afgerond',
              achieved: 'deels',
              answer: 'Grotendeels.',
              answeredAt: '2022-01-10T10:00:00.000Z',
              answeredBy: 'o',
              answeredByName: 'O',
            },
          ],
        },
      ],
      '2022-02-01',
    );
    const rendered = renderMarkdown(yearEnd);
    assert.match(rendered, /^# Jaarverslag 2021$/m);
    assert.match(rendered, /\*\*Wat wilden we bereiken\?\*\*/);
    assert.match(rendered, /\*\*Wat wilden we ervoor doen\?\*\*/);
    assert.match(rendered, /\*\*Hebben we bereikt met wat we wilden gaan doen\?\*\* Deels\. Grotendeels\./);
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
    const tokens = markdown.parse(rendered, {});
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

  it('names the chapter in the document properties', () => {
    assert.match(coreXml, /<dc:title>Voortgangsrapportage 2021<\/dc:title>/);
  });

  it('replaces what XML cannot hold, and keeps everything else', () => {
    assert.equal(xmlSafe('a\u0007b\u001bc\uD800d'), 'a\uFFFDb\uFFFDc\uFFFDd');
    assert.equal(xmlSafe('RTL \u202Eטקסט\u202C 👩‍💻 <b>&'), 'RTL \u202Eטקסט\u202C 👩‍💻 <b>&');
  });
});
