import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root';

describe('README', () => {
  const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
  const manifest = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };

  it('says why each dependency is there', () => {
    const table = readme.slice(readme.indexOf('| `botbuilder`'));
    const named = (name: string) =>
      table.includes(`\`${name}\``) || (name.startsWith('@types/') && table.includes('`@types/*`'));
    const missing = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)].filter(
      (name) => !named(name),
    );
    assert.deepEqual(missing, []);
  });
});
