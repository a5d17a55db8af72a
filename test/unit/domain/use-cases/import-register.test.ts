import assert from 'node:assert/strict';
import sinon from 'sinon';
import {
  importRegisterFile,
  MAX_REGISTER_BYTES,
  RegisterFileError,
  type RegisterReader,
} from '../../../../src/domain/use-cases/import-register';
import { FixedClock } from '../../../support/fixed-clock';
import { inMemoryRepositories } from '../../../support/in-memory-repositories';
import { COORDINATOR, OWNER, assertRefused, isCoordinator } from '../fixtures';

describe('importRegisterFile', () => {
  const row = { nummer: '7', titel: 'Zeven', speerpunt: 'Kwaliteit', eigenaar: 'a@b.nl', jaar: '2021' };

  function deps(readRegister: RegisterReader) {
    return {
      ...inMemoryRepositories(),
      clock: new FixedClock('2021-06-01T10:00:00Z'),
      isCoordinator,
      readRegister,
    };
  }

  it('reads the file through the reader and imports its rows', async () => {
    const reader = sinon.fake.resolves([{ row: 2, cells: row }]);
    const all = deps(reader);

    const result = await importRegisterFile(
      { bytes: Buffer.from('x'), fileName: 'r.csv', by: COORDINATOR },
      all,
    );

    assert.equal(result.ok, true);
    assert.deepEqual(reader.firstCall.args[1], 'r.csv');
    assert.deepEqual(
      (await all.projects.listByYear(2021)).map((project) => project.number),
      ['7'],
    );
  });

  it('refuses anyone but a coordinator before the file is read', async () => {
    const reader = sinon.fake.resolves([{ row: 2, cells: row }]);

    await assertRefused(
      importRegisterFile({ bytes: Buffer.from('x'), fileName: 'r.csv', by: OWNER }, deps(reader)),
      'NOT_COORDINATOR',
    );
    assert.equal(reader.callCount, 0);
  });

  it('refuses a file too large to read, and passes on why the reader could not read one', async () => {
    const reader = sinon.fake.rejects(new RegisterFileError('no-heading'));
    const all = deps(reader);

    await assert.rejects(
      importRegisterFile(
        { bytes: new Uint8Array(MAX_REGISTER_BYTES + 1), fileName: 'r.xlsx', by: COORDINATOR },
        all,
      ),
      (error: unknown) => error instanceof RegisterFileError && error.code === 'unreadable',
    );
    assert.equal(reader.callCount, 0);
    await assert.rejects(
      importRegisterFile({ bytes: Buffer.from('x'), fileName: 'r.xlsx', by: COORDINATOR }, all),
      (error: unknown) => error instanceof RegisterFileError && error.code === 'no-heading',
    );
    assert.deepEqual(await all.projects.listByYear(2021), []);
  });
});
