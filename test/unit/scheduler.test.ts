import assert from 'node:assert/strict';
import { logger } from '../../src/logger';
import { Scheduler } from '../../src/scheduler';
import { inMemoryRepositories } from '../support/in-memory-repositories';
import { FixedClock } from '../support/fixed-clock';

describe('Scheduler', function () {
  function scheduler() {
    const repositories = inMemoryRepositories();
    let runs = 0;
    const gates: (() => void)[] = [];
    const listOpen = repositories.rounds.listOpen.bind(repositories.rounds);
    // planDueSends asks for the open rounds first: count runs there, and hold each run at the gate.
    let calls = 0;
    repositories.rounds.listOpen = async () => {
      if (calls++ % 2 === 0) {
        runs++;
        await new Promise<void>((resolve) => gates.push(resolve));
      }
      return listOpen();
    };
    const instance = new Scheduler({
      repositories,
      clock: new FixedClock('2021-06-01T08:00:00Z'),
      sender: { send: () => Promise.resolve({ ok: true as const }) },
      instanceId: 'test',
      log: logger.child({}, { level: 'silent' }),
      intervalMs: 0,
    });
    const started = async (count: number) => {
      while (runs < count) await new Promise((resolve) => setImmediate(resolve));
    };
    const release = async () => {
      while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
      gates.shift()?.();
    };
    return { instance, runs: () => runs, release, started };
  }

  it('runs a tick asked for during a run right after it, and folds further asks into that one', async function () {
    const { instance, runs, release, started } = scheduler();

    const first = instance.tick();
    assert.equal(instance.tick(), first, 'asked before the run started: the same run');
    await started(1);
    const second = instance.tick();
    const third = instance.tick();
    assert.notEqual(second, first);
    assert.equal(second, third, 'asks during a run share the next run');

    await release();
    await first;
    await release();
    await second;
    assert.equal(runs(), 2);
  });

  it('never runs two ticks of one instance at the same time', async function () {
    const { instance, runs, release, started } = scheduler();

    const first = instance.tick();
    await started(1);
    const second = instance.tick();
    await new Promise((resolve) => setImmediate(resolve));

    assert.equal(runs(), 1, 'the second waits for the first');
    await release();
    await first;
    await release();
    await second;
    assert.equal(runs(), 2);
  });
});
