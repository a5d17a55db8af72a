import assert from 'node:assert/strict';
import pino from 'pino';
import { sendJobId } from '../../src/domain/send-job';
import { logger } from '../../src/logger';
import { Scheduler } from '../../src/scheduler';
import { inMemoryRepositories } from '../support/in-memory-repositories';
import { FixedClock } from '../support/fixed-clock';
import { project, round, statusUpdate } from './domain/fixtures';

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

  it('logs every failed send at warn with the job, the recipient and the reason', async function () {
    const repositories = inMemoryRepositories();
    const clock = new FixedClock('2021-06-10T08:00:00Z');
    const of = round();
    const about = project('4.2.3');
    await repositories.rounds.create(of);
    await repositories.statusUpdates.createMany([statusUpdate(of, about)]);
    await repositories.contacts.upsert({
      userId: 'owner-a',
      name: 'Olaf',
      language: 'nl',
      address: { conversation: { id: 'a:1' } },
      updatedAt: '2021-06-01T08:00:00.000Z',
    });
    const pending = {
      roundId: of.id,
      projectId: about.id,
      dueAt: '2021-06-10T08:00:00.000Z',
      state: 'pending',
      attempts: 0,
      updatedAt: '2021-06-10T08:00:00.000Z',
    } as const;
    await repositories.sendJobs.createMany([
      {
        ...pending,
        id: sendJobId('answered-v1-card-1', about.id, 'owner-a'),
        stepKey: 'answered-v1-card-1',
        kind: 'answered',
        recipientId: 'owner-a',
        updatesActivityId: 'card-1',
      },
      {
        ...pending,
        id: sendJobId('ask', about.id, 'owner-b'),
        stepKey: 'ask',
        kind: 'ask',
        recipientId: 'owner-b',
      },
    ]);
    const lines: Record<string, unknown>[] = [];
    const instance = new Scheduler({
      repositories,
      clock,
      sender: { send: () => Promise.resolve({ ok: false as const, permanent: true, reason: 'not-found' }) },
      instanceId: 'test',
      log: pino(
        { level: 'warn' },
        { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
      ),
      intervalMs: 0,
    });

    const report = await instance.tick();

    // The plan adds the first ask to the fixture's own owner; that one fails too.
    assert.equal(report.failed, 3);
    const ours = [
      sendJobId('answered-v1-card-1', about.id, 'owner-a'),
      sendJobId('ask', about.id, 'owner-b'),
    ];
    assert.equal(lines.filter((line) => line['level'] === 40).length, 3);
    const warnings = lines
      .filter((line) => line['level'] === 40 && ours.includes(String(line['job'])))
      .map(({ job, kind, recipient, reason, msg }) => ({ job, kind, recipient, reason, msg }));
    assert.deepEqual(
      warnings.sort((a, b) => String(a.job).localeCompare(String(b.job))),
      [
        {
          job: sendJobId('answered-v1-card-1', about.id, 'owner-a'),
          kind: 'answered',
          recipient: 'owner-a',
          reason: 'not-found',
          msg: 'send failed, given up',
        },
        {
          job: sendJobId('ask', about.id, 'owner-b'),
          kind: 'ask',
          recipient: 'owner-b',
          reason: 'no-contact',
          msg: 'send failed, given up',
        },
      ],
    );
  });
});
