import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import {
  CRASH_ROUND,
  killMidSendAndResume,
  roundWithPlannedAsks,
  runOf,
  sendsPerConversation,
  startWorker,
  type PlannedRound,
} from '../support/crash-scenario';
import { TEAMS_RATE_LIMITS } from '../../src/teams/proactive/sliding-window-limiter';
import { RecordingConnector } from '../support/recording-connector';

const OWNERS = 200;

/**
 * docs/reliability.md promises: a dispatcher stopped halfway loses nothing. `npm run soak:crash`
 * runs the SIGKILL case many times on a loaded machine, with kill points drawn from a seed.
 */
describe('a dispatcher stopped halfway', function () {
  this.timeout(120_000);
  let connector: RecordingConnector;
  let planned: PlannedRound | undefined;
  const children: ChildProcess[] = [];

  before(async function () {
    connector = await new RecordingConnector().start();
  });

  afterEach(function () {
    planned?.store.dispose();
    planned = undefined;
  });

  after(async function () {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await connector.stop();
  });

  it('by SIGTERM finishes what is under way and gives the rest back: another instance sends it at once, nothing lost, nothing twice', async function () {
    planned = await roundWithPlannedAsks(connector, OWNERS);

    const first = startWorker(planned.cosmos, 'first', 0);
    children.push(first);
    await connector.waitForActivities(OWNERS / 3, 60_000);
    first.kill('SIGTERM');
    const firstRun = await runOf(first);
    assert.equal(firstRun.exitCode, 0, firstRun.error);
    assert.ok(connector.activities.length < OWNERS, 'the first instance stopped halfway');
    assert.ok((firstRun.report?.released ?? 0) > 0, 'it gave back jobs it had claimed');
    const left = (await planned.repositories.sendJobs.listByRound(CRASH_ROUND)).filter(
      (job) => job.state === 'sending',
    );
    assert.deepEqual(left, [], 'no job is left claimed');

    // No clock offset: nothing has to wait for a lease to run out.
    const second = startWorker(planned.cosmos, 'second', 0);
    children.push(second);
    const secondRun = await runOf(second);
    assert.equal(secondRun.exitCode, 0, secondRun.error);

    const perConversation = sendsPerConversation(connector);
    assert.equal(
      Array.from({ length: OWNERS }, (_, i) => `conversation-${i}`).filter((id) => !perConversation.has(id))
        .length,
      0,
      'nothing lost',
    );
    assert.deepEqual(
      [...perConversation].filter(([, count]) => count > 1),
      [],
      'nothing sent twice',
    );
    const jobs = await planned.repositories.sendJobs.listByRound(CRASH_ROUND);
    assert.deepEqual(
      jobs.filter((job) => job.state !== 'sent').map((job) => job.id),
      [],
    );
  });

  it('by SIGKILL is resumed by another instance once its leases run out: nothing lost, only a card accepted at the instant of the crash comes twice', async function () {
    planned = await roundWithPlannedAsks(connector, OWNERS);

    const outcome = await killMidSendAndResume(connector, planned, OWNERS / 3, (child) =>
      children.push(child),
    );

    assert.ok(outcome.deliveredBeforeCrash < OWNERS, 'the first instance died halfway');
    assert.equal(outcome.resumeRuns.at(-1)?.exitCode, 0, JSON.stringify(outcome.resumeRuns));
    assert.equal(outcome.lost, 0, `every owner got the card: ${JSON.stringify(outcome)}`);
    assert.equal(
      outcome.duplicates,
      outcome.acceptedButUnrecorded,
      'only cards accepted in the instant before the crash come twice',
    );
    // A card is recorded right after Teams accepts it, so what the kill can catch in between is
    // at most what goes out in that moment. On a loaded machine the moment stretches (8 cards
    // once, with two cores busy), so the bound is one second of sending at Teams' tenant rate:
    // more would mean sends run ahead of their records.
    const oneSecondOfSending = TEAMS_RATE_LIMITS.global[0]?.limit ?? 0;
    assert.ok(
      outcome.acceptedButUnrecorded <= oneSecondOfSending,
      `${outcome.acceptedButUnrecorded} cards were accepted but not recorded`,
    );
    assert.deepEqual(outcome.unfinished, []);
  });
});
