import assert from 'node:assert/strict';

import { projectIdOf } from '../../../../src/domain/model';
import {
  ERASED,
  erasePersonalData,
  exportPersonalData,
} from '../../../../src/domain/use-cases/personal-data';
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
});
