import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_FLAGS } from '../../../src/node-flags';
import { projectRoot } from '../../../src/project-root';

describe('the V8 flags the bot runs with', () => {
  const scripts = (
    JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;

  for (const script of ['start', 'dev']) {
    it(`are given to node by npm run ${script}, as the compile benchmark measured them`, () => {
      const node = /(?:^|&& )node ((?:--[a-z-]+(?:=\S+)? )*)dist\//.exec(scripts[script] ?? '');
      assert.ok(node, `npm run ${script} starts node on dist/`);
      assert.deepEqual(node[1]?.trim().split(' '), [...NODE_FLAGS]);
    });
  }
});
