import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

import { amsterdamDate } from '../../../src/domain/clock';
import { parseCalendarDate } from '../../../src/domain/dates';
import type { Language } from '../../../src/domain/model';
import { projectRoot } from '../../../src/project-root';
import { helpCard } from '../../../src/teams/cards';
import { findCommand } from '../../../src/teams/routes';

/** Where everything the bot says is written: the feature texts and the domain's refusals. */
const TEXT_FILES = [
  ...readdirSync(join(projectRoot(), 'src/teams/texts')).map((file) => `src/teams/texts/${file}`),
  'src/domain/errors.ts',
];

/** The literal pieces of text in a source file: strings and the text between a template's ${}. */
function literalTexts(file: string, source = readFileSync(join(projectRoot(), file), 'utf8')): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      found.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true));
  return found;
}

describe('texts', () => {
  it('write no backtick anywhere in what the bot says: Adaptive Cards and chat print it as it is', () => {
    const found = TEXT_FILES.flatMap((file) =>
      literalTexts(file)
        .filter((text) => text.includes('`'))
        .map((text) => `${file}: ${text}`),
    );

    assert.deepEqual(found, []);
  });

  it('find a backtick inside a string or a template, so the check above can fail', () => {
    const probe = "const a = 'Gebruik: `hulp`.'; const b = (n: string) => `Typ \\`geschiedenis ${n}\\`.`;";

    assert.deepEqual(
      literalTexts('probe.ts', probe).filter((text) => text.includes('`')),
      ['Gebruik: `hulp`.', 'Typ `geschiedenis ', '`.'],
    );
  });

  describe('the examples on the help card', () => {
    const DAYS = {
      'a Tuesday in June': '2021-06-01T10:00:00Z',
      'a Saturday': '2026-06-13T10:00:00Z',
      "New Year's Eve, late at night": '2026-12-31T22:30:00Z',
      'a leap day': '2028-02-29T08:00:00Z',
      'four weeks before Koningsdag': '2022-03-30T10:00:00Z',
    };

    for (const [day, at] of Object.entries(DAYS)) {
      for (const language of ['nl', 'en'] as const satisfies readonly Language[]) {
        it(`open a round the bot would accept, on ${day} (${language})`, () => {
          const now = new Date(at);
          const usages = usagesOn(helpCard(language, now)).filter((usage) =>
            /^(ronde|round) open /.test(usage),
          );

          assert.equal(usages.length, 1);
          const found = findCommand((usages[0] ?? '').toLowerCase());
          assert.equal(found?.command.name, 'open-round');
          const deadline = parseCalendarDate(found.match[3] ?? '', amsterdamDate(now));
          assert.ok(deadline.ok, `${usages[0] ?? ''} has a date the bot reads`);
          assert.ok(deadline.date > amsterdamDate(now), `${deadline.date} lies ahead`);
        });
      }
    }

    it('name the year of the round that is coming, not a fixed one', () => {
      const usage = (at: string) =>
        usagesOn(helpCard('nl', new Date(at))).find((text) => text.startsWith('ronde open'));

      assert.equal(usage('2021-06-01T10:00:00Z'), 'ronde open voortgangsrapportage 2021 tot 29 juni 2021');
      assert.equal(usage('2027-01-05T10:00:00Z'), 'ronde open jaarverslag 2026 tot 2 februari 2027');
    });
  });
});

function usagesOn(card: Record<string, unknown>): string[] {
  const body = card['body'] as { items?: { text?: string }[] }[];
  return body.flatMap((element) => (element.items?.[0]?.text === undefined ? [] : [element.items[0].text]));
}
