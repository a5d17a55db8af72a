import assert from 'node:assert/strict';

import { FILE_DOWNLOAD_INFO, sentFiles } from '../../../src/teams/files';
import { findCommand } from '../../../src/teams/routes';

describe('sentFiles', () => {
  const attachment = (name: string) => ({
    contentType: FILE_DOWNLOAD_INFO,
    name,
    content: { downloadUrl: `https://contoso.sharepoint.com/${name}` },
  });

  it('takes a Word template or document as the house template, the old .doc and .dot too (to refuse them)', () => {
    const kinds = sentFiles(
      [
        'huisstijl.dotx',
        'Rapport.DOCX',
        'oud.doc',
        'oud.dot',
        'macro.dotm',
        'register.xlsx',
        'verslag.txt',
      ].map(attachment),
    ).map((file) => [file.name, file.kind]);

    assert.deepEqual(kinds, [
      ['huisstijl.dotx', 'template'],
      ['Rapport.DOCX', 'template'],
      ['oud.doc', 'template'],
      ['oud.dot', 'template'],
      ['macro.dotm', 'unsupported'],
      ['register.xlsx', 'register'],
      ['verslag.txt', 'report-text'],
    ]);
  });
});

describe('the house template commands', () => {
  for (const [text, remove] of [
    ['huisstijl', false],
    ['huisstijl verwijderen', true],
    ['template', false],
    ['house template', false],
    ['remove template', true],
    ['template remove', true],
  ] as const) {
    it(`"${text}" ${remove ? 'removes' : 'shows'} the template in use`, () => {
      const found = findCommand(text);

      assert.equal(found?.command.name, 'house-template');
      assert.equal(/verwijder|remove/.test(found.match[0]), remove);
    });
  }

  it('leaves other commands alone', () => {
    assert.equal(findCommand('huisstijl 2021'), undefined);
    assert.equal(findCommand('voortgangsrapportage 2021')?.command.name, 'compile');
  });
});
