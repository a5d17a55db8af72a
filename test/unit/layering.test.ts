import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { projectRoot } from '../../src/project-root';

/**
 * The layering README promises is enforced by `npm run lint`: the project's own ESLint config,
 * given imports that break it as if they stood in a real file of that folder.
 */
describe('the layering, as npm run lint enforces it', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: projectRoot() });

  async function refusedImports(file: string, imports: readonly string[]): Promise<string[]> {
    const code =
      imports.map((from, index) => `import * as m${index} from '${from}';`).join('\n') +
      `\nexport const all = [${imports.map((_, index) => `m${index}`).join(', ')}];\n`;
    const [result] = await eslint.lintText(code, { filePath: join(projectRoot(), file) });
    const refused = (result?.messages ?? [])
      .filter((message) => message.ruleId === 'no-restricted-imports')
      .map((message) => /'([^']+)' import/.exec(message.message)?.[1] ?? message.message);
    // An import that breaks two rules is reported twice.
    return [...new Set(refused)];
  }

  it('keeps SDKs, adapters and the composition root out of src/domain, at any depth', async function () {
    const forbidden = [
      '@azure/cosmos',
      'botbuilder',
      'restify',
      'adaptivecards-templating',
      'pino',
      'exceljs',
      'fflate',
      '../config',
      '../teams/bot',
      '../infrastructure/cosmos/cosmos-store',
      '../report/docx',
      '../logger',
    ];
    assert.deepEqual(await refusedImports('src/domain/model.ts', forbidden), forbidden);
    assert.deepEqual(
      await refusedImports('src/domain/use-cases/open-round.ts', ['../../config', '../../teams/turn']),
      ['../../config', '../../teams/turn'],
    );
  });

  it("lets the domain use its own modules, node's built-ins and its listed libraries", async function () {
    assert.deepEqual(
      await refusedImports('src/domain/use-cases/open-round.ts', [
        '../model',
        './import-register',
        'luxon',
        'date-holidays',
        'diff',
        'zod',
        'node:crypto',
      ]),
      [],
    );
  });

  it('keeps botbuilder inside src/teams', async function () {
    assert.deepEqual(await refusedImports('src/report/docx.ts', ['botbuilder']), ['botbuilder']);
    assert.deepEqual(await refusedImports('src/app.ts', ['botbuilder']), ['botbuilder']);
    assert.deepEqual(await refusedImports('src/teams/bot.ts', ['botbuilder']), []);
  });

  it('keeps src/teams off the infrastructure: it goes through the use cases and their ports', async function () {
    assert.deepEqual(
      await refusedImports('src/teams/files.ts', [
        '../infrastructure/spreadsheet',
        '../infrastructure/safe-download',
        '../../infrastructure/cosmos/repositories',
      ]),
      [
        '../infrastructure/spreadsheet',
        '../infrastructure/safe-download',
        '../../infrastructure/cosmos/repositories',
      ],
    );
    assert.deepEqual(await refusedImports('src/teams/files.ts', ['../domain/use-cases/import-register']), []);
  });
});
