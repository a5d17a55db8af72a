import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_KEYS } from '../../../src/config';
import { projectRoot } from '../../../src/project-root';

describe('env/.env.example', function () {
  it('documents exactly the keys the configuration reads', function () {
    const text = readFileSync(join(projectRoot(), 'env', '.env.example'), 'utf8');
    const documented = [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);

    assert.deepEqual([...documented].sort(), [...CONFIG_KEYS].sort());
  });
});
