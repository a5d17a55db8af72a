import assert from 'node:assert/strict';

import {
  chooseLanguage,
  rememberContact,
  rememberTeamMembers,
} from '../../../../src/domain/use-cases/remember-contact';
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

  it('writes nothing when nothing but the time changed', async () => {
    await rememberContact({ person: OWNER, clientLanguage: 'nl', address: FIRST_ADDRESS }, deps());
    clock.advance({ hours: 2 });

    const again = await rememberContact(
      { person: OWNER, clientLanguage: 'nl', address: FIRST_ADDRESS },
      deps(),
    );

    assert.equal(again.updatedAt, '2021-05-01T08:00:00.000Z');
    assert.equal((await repositories.contacts.get(OWNER.id))?.updatedAt, '2021-05-01T08:00:00.000Z');
  });

  it('keeps the e-mail and team a roster taught, when the person opens the app', async () => {
    const teamMember = { userId: '29:owner', serviceUrl: 'https://smba.example/emea/' };
    await rememberTeamMembers(
      { members: [{ person: { ...OWNER, email: 'owner@gemeente.nl' }, teamMember }], defaultLanguage: 'nl' },
      deps(),
    );

    await rememberContact({ person: OWNER, clientLanguage: 'en', address: FIRST_ADDRESS }, deps());

    const stored = await repositories.contacts.find('Owner@Gemeente.nl');
    assert.equal(stored?.userId, OWNER.id);
    assert.deepEqual(stored.teamMember, teamMember);
    assert.deepEqual(stored.address, FIRST_ADDRESS);
    assert.equal(stored.language, 'nl', 'the language set when first met stays');
  });
});

describe('rememberTeamMembers', () => {
  let repositories: InMemoryRepositories;
  let clock: FixedClock;

  beforeEach(() => {
    repositories = inMemoryRepositories();
    clock = new FixedClock('2021-05-01T08:00:00Z');
  });

  const deps = () => ({ contacts: repositories.contacts, clock });
  const member = (id: string, email?: string) => ({
    person: { id, name: `Naam ${id}`, ...(email ? { email } : {}) },
    teamMember: { userId: `29:${id}`, serviceUrl: 'https://smba.example/emea/' },
  });

  it('adds new members, updates known ones, skips those without an object id', async () => {
    await rememberContact({ person: OWNER, clientLanguage: 'en', address: FIRST_ADDRESS }, deps());

    const result = await rememberTeamMembers(
      {
        members: [member('a', 'a@gemeente.nl'), member(OWNER.id, 'owner@gemeente.nl'), member('')],
        defaultLanguage: 'nl',
      },
      deps(),
    );

    assert.deepEqual(result, { added: 1, updated: 1, skipped: 1 });
    const owner = await repositories.contacts.get(OWNER.id);
    assert.deepEqual(owner?.address, FIRST_ADDRESS, 'a 1:1 chat is never replaced by a roster');
    assert.equal(owner.language, 'en');
    assert.equal(owner.email, 'owner@gemeente.nl');
    const added = await repositories.contacts.find('A@GEMEENTE.NL');
    assert.equal(added?.language, 'nl');
    assert.equal(added.address, undefined);
  });

  it('changes nothing when the roster is read again unchanged', async () => {
    await rememberTeamMembers({ members: [member('a', 'a@gemeente.nl')], defaultLanguage: 'nl' }, deps());
    clock.advance({ days: 1 });

    const again = await rememberTeamMembers(
      { members: [member('a', 'a@gemeente.nl')], defaultLanguage: 'nl' },
      deps(),
    );

    assert.deepEqual(again, { added: 0, updated: 0, skipped: 0 });
    assert.equal((await repositories.contacts.get('a'))?.updatedAt, '2021-05-01T08:00:00.000Z');
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
