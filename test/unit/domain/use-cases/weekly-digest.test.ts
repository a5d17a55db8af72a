import assert from 'node:assert/strict';

import { channelTargetId } from '../../../../src/domain/model';
import {
  progressOf,
  startWeeklyDigest,
  stopWeeklyDigest,
  type ChannelToPostIn,
} from '../../../../src/domain/use-cases/weekly-digest';
import { FixedClock } from '../../../support/fixed-clock';
import { inMemoryRepositories, type InMemoryRepositories } from '../../../support/in-memory-repositories';
import {
  COORDINATOR,
  OWNER,
  answer,
  assertRefused,
  isCoordinator,
  project,
  round,
  statusUpdate,
} from '../fixtures';

const CHANNEL: ChannelToPostIn = {
  id: '19:Ruimte-General@thread.tacv2',
  name: 'Ruimte › Algemeen',
  address: { conversation: { id: '19:Ruimte-General@thread.tacv2', conversationType: 'channel' } },
};
const TARGET = channelTargetId(CHANNEL.id);

describe('startWeeklyDigest', () => {
  let repositories: InMemoryRepositories;
  // Wednesday 9 June 2021, 12:00 Amsterdam time.
  const clock = new FixedClock('2021-06-09T10:00:00Z');

  beforeEach(() => {
    repositories = inMemoryRepositories();
    clock.set('2021-06-09T10:00:00Z');
  });

  function start(by = COORDINATOR, language: 'nl' | 'en' = 'en') {
    return startWeeklyDigest({ by, channel: CHANNEL, language }, { ...repositories, clock, isCoordinator });
  }

  it("keeps the channel as a contact of its own, in the coordinator's language, and lists it", async () => {
    const started = await start();

    assert.equal(started.added, true);
    assert.deepEqual(await repositories.contacts.get(TARGET), {
      userId: 'channel:19:ruimte-general@thread.tacv2',
      name: 'Ruimte › Algemeen',
      language: 'en',
      address: CHANNEL.address,
      updatedAt: '2021-06-09T10:00:00.000Z',
    });
    assert.deepEqual(await repositories.digestChannels.list(), [
      { channelId: TARGET, by: COORDINATOR.id, since: '2021-06-09T10:00:00.000Z' },
    ]);
  });

  it('says when the first digest comes: next Monday at 09:00, while a round is open', async () => {
    assert.equal((await start()).firstAt, undefined, 'no round is open');
    await repositories.rounds.create(round({ openedAt: '2021-06-01T08:00:00.000Z' }));

    assert.equal((await start()).firstAt?.toISOString(), '2021-06-14T07:00:00.000Z');
  });

  it('lists a channel once when switched on twice, keeping when it started, with the newest language', async () => {
    await start(COORDINATOR, 'nl');
    clock.advance({ days: 1 });

    const again = await start(COORDINATOR, 'en');

    assert.equal(again.added, false);
    assert.equal((await repositories.digestChannels.list()).length, 1);
    assert.equal((await repositories.digestChannels.list())[0]?.since, '2021-06-09T10:00:00.000Z');
    assert.equal((await repositories.contacts.get(TARGET))?.language, 'en');
  });

  it('refuses anyone who is not a coordinator, and stores nothing', async () => {
    await assertRefused(start(OWNER), 'NOT_COORDINATOR');

    assert.deepEqual(await repositories.digestChannels.list(), []);
    assert.equal(await repositories.contacts.get(TARGET), undefined);
  });
});

describe('stopWeeklyDigest', () => {
  const repositories = inMemoryRepositories();

  before(async () => {
    await repositories.digestChannels.add({
      channelId: TARGET,
      by: COORDINATOR.id,
      since: '2021-06-09T10:00:00.000Z',
    });
  });

  it('refuses anyone who is not a coordinator, and keeps the channel', async () => {
    await assertRefused(
      stopWeeklyDigest({ by: OWNER, channelId: CHANNEL.id }, { ...repositories, isCoordinator }),
      'NOT_COORDINATOR',
    );

    assert.equal((await repositories.digestChannels.list()).length, 1);
  });

  it('takes the channel off the list, found by its id in any case', async () => {
    const stopped = await stopWeeklyDigest(
      { by: COORDINATOR, channelId: '19:RUIMTE-general@thread.tacv2' },
      { ...repositories, isCoordinator },
    );

    assert.equal(stopped, true);
    assert.deepEqual(await repositories.digestChannels.list(), []);
  });

  it('says so when the channel had no digest', async () => {
    assert.equal(
      await stopWeeklyDigest({ by: COORDINATOR, channelId: CHANNEL.id }, { ...repositories, isCoordinator }),
      false,
    );
  });
});

describe('progressOf', () => {
  const open = round();

  it('counts the answered projects per status and lists the others by number, in report order', () => {
    const answered = (number: string, status: 'op-schema' | 'vertraagd') => ({
      ...statusUpdate(open, project(number)),
      versions: [answer('Tekst.', { status })],
    });

    const progress = progressOf(
      [
        statusUpdate(open, project('10')),
        answered('2', 'op-schema'),
        statusUpdate(open, project('4.2.3')),
        answered('4.10', 'vertraagd'),
        answered('4.2', 'op-schema'),
        { ...answered('5', 'op-schema'), versions: [{ ...answer('Tekst.'), unchanged: true as const }] },
      ],
      open,
    );

    assert.deepEqual(progress, {
      total: 6,
      answered: 4,
      counts: { 'op-schema': 3, vertraagd: 1 },
      missing: ['4.2.3', '10'],
      unchanged: 1,
      figures: {
        states: { answered: 4, draft: 0, open: 2, sentBack: 0 },
        speerpunten: [{ speerpunt: 'Kwaliteit', answered: 4, total: 6 }],
      },
    });
  });
});
