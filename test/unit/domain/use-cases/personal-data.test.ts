import assert from 'node:assert/strict';

import { projectIdOf } from '../../../../src/domain/model';
import {
  ERASED,
  erasePersonalData,
  exportPersonalData,
} from '../../../../src/domain/use-cases/personal-data';
import { FixedClock } from '../../../support/fixed-clock';
import { inMemoryRepositories } from '../../../support/in-memory-repositories';
import { COORDINATOR, OWNER, project, round } from '../fixtures';

describe('exportPersonalData', () => {
  it('reads the register of this year and the next in Amsterdam, also in the first hour of the year (still the old year in UTC)', async () => {
    const repositories = inMemoryRepositories();
    await repositories.projects.upsertMany([project('1.1', { year: 2022 }), project('2.1', { year: 2023 })]);
    // 00:30 on 1 January 2022 in Amsterdam.
    const clock = new FixedClock('2021-12-31T23:30:00Z');

    const found = await exportPersonalData(OWNER.id, { ...repositories, clock });

    assert.deepEqual(
      found.ownerOf.map((owned) => owned.id),
      [projectIdOf(2022, '1.1'), projectIdOf(2023, '2.1')],
    );
  });

  it('names the rounds they closed or reopened with those events, and the erasure takes their id and name out of the history', async () => {
    const repositories = inMemoryRepositories();
    const clock = new FixedClock('2021-07-10T08:00:00Z');
    await repositories.rounds.create(
      round({
        history: [
          { action: 'opened', by: COORDINATOR.id, byName: COORDINATOR.name, at: '2021-06-01T08:00:00.000Z' },
          { action: 'closed', by: OWNER.id, byName: 'Olaf', at: '2021-07-02T08:00:00.000Z' },
          {
            action: 'reopened',
            by: OWNER.id,
            byName: 'Olaf',
            at: '2021-07-05T08:00:00.000Z',
            deadline: '2021-07-15',
          },
        ],
      }),
    );

    const found = await exportPersonalData(OWNER.id, { ...repositories, clock });
    assert.deepEqual(
      found.rounds.map((entry) => entry.history.map((event) => event.action)),
      [['closed', 'reopened']],
    );

    const report = await erasePersonalData(OWNER.id, { ...repositories, clock });
    assert.equal(report.roundsChanged, 1);
    const kept = await repositories.rounds.get('voortgangsrapportage-2021');
    assert.deepEqual(
      kept?.history?.map((event) => [event.action, event.by, event.byName]),
      [
        ['opened', COORDINATOR.id, COORDINATOR.name],
        ['closed', ERASED, ERASED],
        ['reopened', ERASED, ERASED],
      ],
    );
  });

  it('names the house template they stored, and the erasure leaves the template without their name', async () => {
    const repositories = inMemoryRepositories();
    const clock = new FixedClock('2021-06-01T08:00:00Z');
    await repositories.houseTemplates.put({
      styles: '<w:styles/>',
      fileName: 'huisstijl.dotx',
      size: 1_000,
      storedBy: OWNER.id,
      storedByName: 'Megan',
      storedAt: '2021-05-01T08:00:00.000Z',
    });

    const found = await exportPersonalData(OWNER.id, { ...repositories, clock });
    assert.deepEqual(found.houseTemplate, {
      fileName: 'huisstijl.dotx',
      storedBy: OWNER.id,
      storedByName: 'Megan',
      storedAt: '2021-05-01T08:00:00.000Z',
    });
    assert.equal(
      (await exportPersonalData('someone-else', { ...repositories, clock })).houseTemplate,
      undefined,
    );

    const report = await erasePersonalData(OWNER.id, { ...repositories, clock });
    assert.equal(report.houseTemplateChanged, true);
    const kept = await repositories.houseTemplates.get();
    assert.equal(kept?.fileName, 'huisstijl.dotx', 'the template stays in use');
    assert.deepEqual([kept.storedBy, kept.storedByName], [ERASED, ERASED]);
  });

  it('names how many reminders they got per week (the weekly cap), and the erasure removes those counts', async () => {
    const repositories = inMemoryRepositories();
    const clock = new FixedClock('2021-06-22T08:00:00Z');
    await repositories.reminderTallies.save(
      { recipientId: OWNER.id, week: '2021-W25', jobIds: ['a', 'b'] },
      undefined,
    );
    await repositories.reminderTallies.save(
      { recipientId: COORDINATOR.id, week: '2021-W25', jobIds: ['c'] },
      undefined,
    );

    const found = await exportPersonalData(OWNER.id, { ...repositories, clock });
    assert.deepEqual(found.remindersPerWeek, [{ week: '2021-W25', count: 2 }]);

    const report = await erasePersonalData(OWNER.id, { ...repositories, clock });
    assert.equal(report.reminderTalliesRemoved, 1);
    assert.deepEqual(await repositories.reminderTallies.listFor(OWNER.id), []);
    assert.equal(
      (await repositories.reminderTallies.listFor(COORDINATOR.id)).length,
      1,
      'others keep theirs',
    );
  });
});
