import assert from 'node:assert/strict';

import { DomainError } from '../../../../src/domain/errors';
import {
  currentHouseTemplate,
  removeHouseTemplate,
  storeHouseTemplate,
} from '../../../../src/domain/use-cases/house-template';
import { FixedClock } from '../../../support/fixed-clock';
import { inMemoryRepositories } from '../../../support/in-memory-repositories';
import { COORDINATOR, isCoordinator, OWNER } from '../fixtures';

describe('the house template use cases', () => {
  const setUp = () => {
    const repositories = inMemoryRepositories();
    return {
      repositories,
      deps: {
        houseTemplates: repositories.houseTemplates,
        clock: new FixedClock('2021-06-01T08:00:00Z'),
        isCoordinator,
      },
    };
  };
  const style = { styles: '<w:styles/>', defaultTableStyle: 'Tabelraster' };

  it('stores a coordinator’s template with who and when, and says which one it replaced', async () => {
    const { repositories, deps } = setUp();

    const first = await storeHouseTemplate({ style, fileName: 'oud.dotx', size: 10, by: COORDINATOR }, deps);
    const second = await storeHouseTemplate(
      { style, fileName: 'nieuw.dotx', size: 20, by: COORDINATOR },
      deps,
    );

    assert.equal(first.replaced, undefined);
    assert.equal(second.replaced, 'oud.dotx');
    assert.deepEqual(repositories.houseTemplates.template, {
      styles: '<w:styles/>',
      defaultTableStyle: 'Tabelraster',
      fileName: 'nieuw.dotx',
      size: 20,
      storedBy: COORDINATOR.id,
      storedByName: COORDINATOR.name,
      storedAt: '2021-06-01T08:00:00.000Z',
    });
  });

  it('refuses anyone else, to set, show or remove it, and changes nothing', async () => {
    const { repositories, deps } = setUp();
    await storeHouseTemplate({ style, fileName: 'huisstijl.dotx', size: 10, by: COORDINATOR }, deps);
    const kept = repositories.houseTemplates.template;
    const refused = (error: unknown) => error instanceof DomainError && error.code === 'NOT_COORDINATOR';

    await assert.rejects(
      storeHouseTemplate({ style, fileName: 'x.dotx', size: 1, by: OWNER }, deps),
      refused,
    );
    await assert.rejects(currentHouseTemplate({ by: OWNER }, deps), refused);
    await assert.rejects(removeHouseTemplate({ by: OWNER }, deps), refused);
    assert.equal(repositories.houseTemplates.template, kept);
  });

  it('removes the template in use, and says when there was none', async () => {
    const { repositories, deps } = setUp();
    await storeHouseTemplate({ style, fileName: 'huisstijl.dotx', size: 10, by: COORDINATOR }, deps);

    assert.equal((await removeHouseTemplate({ by: COORDINATOR }, deps))?.fileName, 'huisstijl.dotx');
    assert.equal(repositories.houseTemplates.template, undefined);
    assert.equal(await removeHouseTemplate({ by: COORDINATOR }, deps), undefined);
    assert.equal(await currentHouseTemplate({ by: COORDINATOR }, deps), undefined);
  });
});
