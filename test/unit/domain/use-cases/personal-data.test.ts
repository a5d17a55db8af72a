import assert from 'node:assert/strict';

import { projectIdOf } from '../../../../src/domain/model';
import { exportPersonalData } from '../../../../src/domain/use-cases/personal-data';
import { FixedClock } from '../../../support/fixed-clock';
import { inMemoryRepositories } from '../../../support/in-memory-repositories';
import { OWNER, project } from '../fixtures';

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
});
