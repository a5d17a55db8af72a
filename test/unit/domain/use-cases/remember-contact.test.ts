import assert from 'node:assert/strict';

import { chooseLanguage, rememberContact } from '../../../../src/domain/use-cases/remember-contact';
import { FixedClock } from '../../../support/fixed-clock';
import { inMemoryRepositories, type InMemoryRepositories } from '../../../support/in-memory-repositories';
import { OWNER } from '../fixtures';

const FIRST_ADDRESS = { conversation: { id: 'a:first' }, serviceUrl: 'https://smba.example/emea/' };
const NEW_ADDRESS = { conversation: { id: 'a:second' }, serviceUrl: 'https://smba.example/emea/' };

describe('rememberContact', () => {
  let repositories: InMemoryRepositories;
  let clock: FixedClock;

  beforeEach(() => {
    repositories = inMemoryRepositories();
    clock = new FixedClock('2021-05-01T08:00:00Z');
  });

  const deps = () => ({ contacts: repositories.contacts, clock });

  it('takes the language of the client on first contact', async () => {
    const contact = await rememberContact(
      { person: OWNER, clientLanguage: 'en', address: FIRST_ADDRESS },
      deps(),
    );

    const expected = {
      userId: OWNER.id,
      name: OWNER.name,
      language: 'en',
      address: FIRST_ADDRESS,
      updatedAt: '2021-05-01T08:00:00.000Z',
    };
    assert.deepEqual(contact, expected);
    assert.deepEqual(await repositories.contacts.get(OWNER.id), expected);
  });

  it('keeps the chosen language on later contact but takes the new address', async () => {
    await rememberContact({ person: OWNER, clientLanguage: 'nl', address: FIRST_ADDRESS }, deps());
    await chooseLanguage({ person: OWNER, language: 'en' }, deps());
    clock.advance({ days: 3 });

    await rememberContact({ person: OWNER, clientLanguage: 'nl', address: NEW_ADDRESS }, deps());

    const stored = await repositories.contacts.get(OWNER.id);
    assert.equal(stored?.language, 'en');
    assert.deepEqual(stored.address, NEW_ADDRESS);
    assert.equal(stored.updatedAt, '2021-05-04T08:00:00.000Z');
  });

  it('keeps the known name when the chat sends none', async () => {
    await rememberContact({ person: OWNER, clientLanguage: 'nl', address: FIRST_ADDRESS }, deps());

    await rememberContact(
      { person: { id: OWNER.id, name: '' }, clientLanguage: 'nl', address: NEW_ADDRESS },
      deps(),
    );

    assert.equal((await repositories.contacts.get(OWNER.id))?.name, OWNER.name);
  });
});

describe('chooseLanguage', () => {
  let repositories: InMemoryRepositories;
  let clock: FixedClock;

  beforeEach(() => {
    repositories = inMemoryRepositories();
    clock = new FixedClock('2021-05-01T08:00:00Z');
  });

  const deps = () => ({ contacts: repositories.contacts, clock });

  it('records the language and keeps the address', async () => {
    await rememberContact({ person: OWNER, clientLanguage: 'nl', address: FIRST_ADDRESS }, deps());
    clock.advance({ minutes: 5 });

    const contact = await chooseLanguage({ person: OWNER, language: 'en' }, deps());

    assert.equal(contact.language, 'en');
    assert.deepEqual(contact.address, FIRST_ADDRESS);
    assert.deepEqual(await repositories.contacts.get(OWNER.id), {
      userId: OWNER.id,
      name: OWNER.name,
      language: 'en',
      address: FIRST_ADDRESS,
      updatedAt: '2021-05-01T08:05:00.000Z',
    });
  });

  it('records the language of someone not yet known, without an address to reach them', async () => {
    const contact = await chooseLanguage({ person: OWNER, language: 'en' }, deps());

    assert.equal(contact.language, 'en');
    assert.equal(contact.name, OWNER.name);
    assert.equal(contact.address, undefined);
    assert.equal((await repositories.contacts.get(OWNER.id))?.language, 'en');
  });
});
