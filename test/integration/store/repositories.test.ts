import { EMPTY_RAW_ANSWER } from '../../../src/domain/answer';
import assert from 'node:assert/strict';
import { DEFAULT_REMINDER_PLAN } from '../../../src/domain/reminder-plan';
import { GLANCE_CHARS } from '../../../src/domain/repositories';
import {
  channelTargetId,
  type Contact,
  type HouseTemplate,
  type Project,
  type Round,
  type StatusUpdate,
} from '../../../src/domain/model';
import type { CosmosStore } from '../../../src/infrastructure/cosmos/cosmos-store';
import {
  CosmosContactRepository,
  CosmosDigestChannelRepository,
  CosmosHouseTemplateRepository,
  CosmosProjectRepository,
  CosmosRoundRepository,
  CosmosStatusUpdateRepository,
} from '../../../src/infrastructure/cosmos/repositories';
import { countStoreRequests, type StoreRequestCounter } from '../../../scripts/bench/store-requests';
import { freshStore, localCosmos } from '../../support/local-cosmos-fixture';

function project(year: number, number: string, owners = ['owner-1']): Project {
  return {
    id: `${year}:${number}`,
    year,
    number,
    title: `Project ${number}`,
    speerpunt: 'Kwaliteit',
    goal: 'Doel',
    activities: 'Activiteiten',
    owners,
  };
}

function round(kind: Round['kind'], year: number, status: Round['status'] = 'open'): Round {
  return {
    id: `${kind}-${year}`,
    kind,
    year,
    deadline: `${year}-07-01`,
    status,
    openedAt: `${year}-06-01T08:00:00.000Z`,
    openedBy: 'coordinator',
    reminderPlan: DEFAULT_REMINDER_PLAN,
  };
}

function emptyUpdate(roundId: string, p: Project): StatusUpdate {
  return { id: p.id, roundId, project: p, versions: [] };
}

function assertNoCosmosBookkeeping(value: object): void {
  for (const key of ['_rid', '_self', '_etag', '_ts', '_attachments']) {
    assert.equal(key in value, false, `${key} leaked out of the repository`);
  }
}

/** Counts the requests to the local Cosmos server from now on, by kind, as they go over the wire. */
async function countingStoreRequests(): Promise<StoreRequestCounter> {
  return countStoreRequests((await localCosmos()).endpoint);
}

describe('Cosmos repositories against the local Cosmos server', function () {
  let store: CosmosStore;

  beforeEach(async function () {
    store = await freshStore();
  });

  afterEach(function () {
    store.dispose();
  });

  describe('CosmosProjectRepository', function () {
    it('lists the projects of one year only, as plain objects', async function () {
      const projects = new CosmosProjectRepository(store.containers.projects);
      await projects.upsertMany([project(2021, '4.2.3'), project(2021, '4.2.4'), project(2022, '1')]);

      const listed = await projects.listByYear(2021);

      assert.deepEqual(listed.map((p) => p.number).sort(), ['4.2.3', '4.2.4']);
      listed.forEach(assertNoCosmosBookkeeping);
      assert.deepEqual(
        listed.find((p) => p.number === '4.2.3'),
        project(2021, '4.2.3'),
      );
    });

    it('replaces a project with the same year and number instead of duplicating it', async function () {
      const projects = new CosmosProjectRepository(store.containers.projects);
      await projects.upsertMany([project(2021, '4.2.3')]);
      await projects.upsertMany([{ ...project(2021, '4.2.3'), title: 'Nieuwe titel' }]);

      const listed = await projects.listByYear(2021);

      assert.equal(listed.length, 1);
      assert.equal(listed[0]?.title, 'Nieuwe titel');
    });
  });

  describe('CosmosRoundRepository', function () {
    it('refuses a second round with the same kind and year and keeps the first', async function () {
      const rounds = new CosmosRoundRepository(store.containers.rounds);
      assert.equal(await rounds.create(round('voortgangsrapportage', 2021)), true);

      const second = { ...round('voortgangsrapportage', 2021), deadline: '2021-12-31' };
      assert.equal(await rounds.create(second), false);

      assert.equal((await rounds.get('voortgangsrapportage-2021'))?.deadline, '2021-07-01');
    });

    it('answers undefined for an unknown round', async function () {
      const rounds = new CosmosRoundRepository(store.containers.rounds);
      assert.equal(await rounds.get('jaarverslag-1999'), undefined);
    });

    it('lists only open rounds', async function () {
      const rounds = new CosmosRoundRepository(store.containers.rounds);
      await rounds.create(round('voortgangsrapportage', 2021));
      await rounds.create(round('jaarverslag', 2020, 'closed'));

      const open = await rounds.listOpen();

      assert.deepEqual(
        open.map((r) => r.id),
        ['voortgangsrapportage-2021'],
      );
      open.forEach(assertNoCosmosBookkeeping);
    });

    it('replaces a round only when nobody changed it since it was read, and answers undefined for an unknown one', async function () {
      const rounds = new CosmosRoundRepository(store.containers.rounds);
      await rounds.create(round('voortgangsrapportage', 2021));
      const read = await rounds.getVersioned('voortgangsrapportage-2021');
      assert.ok(read);
      assertNoCosmosBookkeeping(read.value);

      assert.equal(await rounds.replaceIfUnchanged({ ...read.value, status: 'closed' }, read.etag), true);
      assert.equal(
        await rounds.replaceIfUnchanged({ ...read.value, deadline: '2021-12-31' }, read.etag),
        false,
      );

      const stored = await rounds.get('voortgangsrapportage-2021');
      assert.deepEqual([stored?.status, stored?.deadline], ['closed', '2021-07-01']);
      assert.equal(await rounds.getVersioned('jaarverslag-1999'), undefined);
      assert.equal(
        await rounds.replaceIfUnchanged(round('jaarverslag', 1999), read.etag),
        false,
        'a round that is not there',
      );
    });

    it('lists every round, open and closed', async function () {
      const rounds = new CosmosRoundRepository(store.containers.rounds);
      await rounds.create(round('voortgangsrapportage', 2021));
      await rounds.create(round('jaarverslag', 2020, 'closed'));

      const all = await rounds.list();

      assert.deepEqual(all.map((r) => `${r.id} ${r.status}`).sort(), [
        'jaarverslag-2020 closed',
        'voortgangsrapportage-2021 open',
      ]);
      all.forEach(assertNoCosmosBookkeeping);
    });
  });

  describe('CosmosStatusUpdateRepository', function () {
    const roundId = 'voortgangsrapportage-2021';

    it('reads an update with an etag and replaces it when nobody changed it in between', async function () {
      const updates = new CosmosStatusUpdateRepository(store.containers.statusUpdates);
      await updates.createMany([emptyUpdate(roundId, project(2021, '4.2.3'))]);
      const stored = await updates.get(roundId, '2021:4.2.3');
      assert.ok(stored);
      assert.ok(stored.etag.length > 0);
      assertNoCosmosBookkeeping(stored.value);

      const answered: StatusUpdate = {
        ...stored.value,
        versions: [
          {
            status: 'op-schema',
            answer: 'Loopt.',
            answeredAt: '2021-06-02T08:00:00.000Z',
            answeredBy: 'owner-1',
            answeredByName: 'Eigenaar',
          },
        ],
      };
      assert.equal(await updates.replace(answered, stored.etag), true);
      assert.deepEqual((await updates.get(roundId, '2021:4.2.3'))?.value, answered);
    });

    it('refuses a replace with a stale etag and keeps the newer answer', async function () {
      const updates = new CosmosStatusUpdateRepository(store.containers.statusUpdates);
      await updates.createMany([emptyUpdate(roundId, project(2021, '4.2.3'))]);
      const first = await updates.get(roundId, '2021:4.2.3');
      assert.ok(first);
      const version = (answer: string) => ({
        status: 'op-schema' as const,
        answer,
        answeredAt: '2021-06-02T08:00:00.000Z',
        answeredBy: 'owner-1',
        answeredByName: 'Eigenaar',
      });
      assert.equal(
        await updates.replace({ ...first.value, versions: [version('eerste')] }, first.etag),
        true,
      );

      assert.equal(
        await updates.replace({ ...first.value, versions: [version('verouderd')] }, first.etag),
        false,
      );

      assert.equal((await updates.get(roundId, '2021:4.2.3'))?.value.versions[0]?.answer, 'eerste');
    });

    it('does not overwrite an answered update when the round is created again', async function () {
      const updates = new CosmosStatusUpdateRepository(store.containers.statusUpdates);
      const p = project(2021, '4.2.3');
      await updates.createMany([emptyUpdate(roundId, p)]);
      const stored = await updates.get(roundId, p.id);
      assert.ok(stored);
      const answered: StatusUpdate = {
        ...stored.value,
        versions: [
          {
            status: 'vertraagd',
            answer: 'Later.',
            answeredAt: '2021-06-02T08:00:00.000Z',
            answeredBy: 'owner-1',
            answeredByName: 'Eigenaar',
          },
        ],
      };
      await updates.replace(answered, stored.etag);

      await updates.createMany([emptyUpdate(roundId, p), emptyUpdate(roundId, project(2021, '4.2.4'))]);

      assert.equal((await updates.get(roundId, p.id))?.value.versions.length, 1);
      assert.equal((await updates.listByRound(roundId)).length, 2);
    });

    it('stores a round of 250 updates a hundred to a request, not one request each', async function () {
      const updates = new CosmosStatusUpdateRepository(store.containers.statusUpdates);
      const many = Array.from({ length: 250 }, (_, i) => emptyUpdate(roundId, project(2021, `7.${i + 1}`)));
      const requests = await countingStoreRequests();

      await updates.createMany(many);

      assert.equal(requests.counts().writes, 3);
      requests.stop();
      assert.deepEqual(
        (await updates.listByRound(roundId)).map((u) => u.id).sort(),
        many.map((u) => u.id).sort(),
      );
    });

    it('creates the rest of a round when an earlier attempt stored part of it, keeping the answer given since', async function () {
      const updates = new CosmosStatusUpdateRepository(store.containers.statusUpdates);
      const many = Array.from({ length: 150 }, (_, i) => emptyUpdate(roundId, project(2021, `7.${i + 1}`)));
      const earlier = many[120];
      assert.ok(earlier);
      await updates.createMany([earlier]);
      const stored = await updates.get(roundId, earlier.id);
      assert.ok(stored);
      const answer = {
        status: 'op-schema' as const,
        answer: 'Al beantwoord.',
        answeredAt: '2021-06-02T08:00:00.000Z',
        answeredBy: 'owner-1',
        answeredByName: 'Eigenaar',
      };
      await updates.replace({ ...stored.value, versions: [answer] }, stored.etag);

      await updates.createMany(many);

      const listed = await updates.listByRound(roundId);
      assert.equal(listed.length, 150);
      assert.deepEqual(listed.find((u) => u.id === earlier.id)?.versions, [answer]);
    });

    it('lists the updates of one round only and answers undefined for an unknown project', async function () {
      const updates = new CosmosStatusUpdateRepository(store.containers.statusUpdates);
      await updates.createMany([
        emptyUpdate(roundId, project(2021, '4.2.3')),
        emptyUpdate('jaarverslag-2021', project(2021, '4.2.3')),
      ]);

      const listed = await updates.listByRound(roundId);

      assert.deepEqual(
        listed.map((u) => u.roundId),
        [roundId],
      );
      listed.forEach(assertNoCosmosBookkeeping);
      assert.equal(await updates.get(roundId, '2021:9.9.9'), undefined);
    });

    it('lists a round for a report with only each latest answer, and for the answers as a sheet with every version, over several pages', async function () {
      const updates = new CosmosStatusUpdateRepository(store.containers.statusUpdates);
      const round = 'voortgangsrapportage-2030';
      const many = Array.from({ length: 450 }, (_, i) => emptyUpdate(round, project(2030, `9.${i + 1}`)));
      await updates.createMany(many);
      const first = many[0];
      assert.ok(first);
      const version = (answer: string) => ({
        status: 'op-schema' as const,
        answer,
        answeredAt: '2030-06-02T08:00:00.000Z',
        answeredBy: 'owner-1',
        answeredByName: 'Eigenaar',
      });
      const stored = await updates.get(round, first.id);
      assert.ok(stored);
      await updates.replace(
        {
          ...stored.value,
          versions: [version('Eerste.'), version('Tweede.')],
          previous: { roundId: 'jaarverslag-2029', fields: { ...version('Vorig jaar.') } },
          draft: {
            values: { ...EMPTY_RAW_ANSWER, answer: 'Concept.' },
            savedAt: '',
            savedBy: '',
            savedByName: '',
          },
          delegations: [{ to: 'j.jansen@example.org', by: 'owner-1', at: '2030-06-01T08:00:00.000Z' }],
          decisions: [
            { version: 1, decision: 'approved', by: 'c', byName: 'C', at: '2030-06-03T08:00:00.000Z' },
            {
              version: 2,
              decision: 'sentBack',
              comment: 'Vager.',
              by: 'c',
              byName: 'C',
              at: '2030-06-04T08:00:00.000Z',
            },
          ],
          approved: { ...version('Eerste.'), version: 1 },
        },
        stored.etag,
      );

      const listed = await updates.listLatestByRound(round);

      assert.equal(listed.length, 450, 'every page read (200 per page)');
      const answered = listed.find((update) => update.id === first.id);
      assert.ok(answered);
      assert.deepEqual(
        answered.versions.map((v) => v.answer),
        ['Tweede.'],
      );
      assert.equal('previous' in answered, false);
      assert.equal('draft' in answered, false);
      assert.equal(answered.versionCount, 2);
      assert.equal(answered.approved?.answer, 'Eerste.');
      assert.deepEqual(
        answered.decisions?.map((d) => d.decision),
        ['sentBack'],
        'only the newest decision',
      );
      assert.deepEqual(
        answered.delegations?.map((d) => d.to),
        ['j.jansen@example.org'],
      );
      assert.deepEqual(listed.find((update) => update.id !== first.id)?.versions, []);
      listed.forEach(assertNoCosmosBookkeeping);

      const answers = await updates.listAnswersByRound(round);

      assert.equal(answers.length, 450, 'every page read (200 per page)');
      const every = answers.find((update) => update.id === first.id);
      assert.ok(every);
      assert.deepEqual(
        every.versions.map((v) => v.answer),
        ['Eerste.', 'Tweede.'],
      );
      assert.deepEqual(
        every.decisions?.map((d) => d.decision),
        ['approved', 'sentBack'],
      );
      assert.deepEqual(
        every.delegations?.map((d) => d.to),
        ['j.jansen@example.org'],
      );
      for (const left of ['previous', 'draft', 'approved']) assert.equal(left in every, false, left);
      answers.forEach(assertNoCosmosBookkeeping);
    });

    it('lists a round at a glance: the latest status and the start of its answer, not the rest', async function () {
      const updates = new CosmosStatusUpdateRepository(store.containers.statusUpdates);
      const round = 'voortgangsrapportage-2031';
      const many = Array.from({ length: 3 }, (_, i) => emptyUpdate(round, project(2031, `9.${i + 1}`)));
      await updates.createMany(many);
      const [first, second] = many;
      assert.ok(first && second);
      const long = 'woord '.repeat(200).trimEnd();
      const version = (answer: string, status: 'op-schema' | 'vertraagd') => ({
        status,
        answer,
        answeredAt: '2031-06-02T08:00:00.000Z',
        answeredBy: 'owner-1',
        answeredByName: 'Eigenaar',
      });
      const stored = await updates.get(round, first.id);
      assert.ok(stored);
      await updates.replace(
        {
          ...stored.value,
          versions: [version('Eerste.', 'op-schema'), version(long, 'vertraagd')],
          delegations: [{ to: 'j.jansen@example.org', by: 'owner-1', at: '2031-06-01T08:00:00.000Z' }],
          decisions: [
            { version: 1, decision: 'approved', by: 'c', byName: 'C', at: '2031-06-03T08:00:00.000Z' },
            {
              version: 2,
              decision: 'sentBack',
              comment: 'Vager.',
              by: 'c',
              byName: 'C',
              at: '2031-06-04T08:00:00.000Z',
            },
          ],
          approved: { ...version('Eerste.', 'op-schema'), version: 1 },
        },
        stored.etag,
      );
      const drafted = await updates.get(round, second.id);
      assert.ok(drafted);
      await updates.replace(
        {
          ...drafted.value,
          draft: {
            values: { ...EMPTY_RAW_ANSWER, answer: 'Concept.' },
            savedAt: '',
            savedBy: '',
            savedByName: '',
          },
        },
        drafted.etag,
      );

      const glances = await updates.listGlancesByRound(round);

      assert.equal(glances.length, 3);
      const answered = glances.find((glance) => glance.id === first.id);
      assert.ok(answered);
      assert.deepEqual(answered.latest, {
        status: 'vertraagd',
        answerStart: long.slice(0, GLANCE_CHARS),
        answerLength: long.length,
      });
      assert.equal(answered.versionCount, 2);
      assert.deepEqual(
        answered.decisions?.map((d) => d.decision),
        ['sentBack'],
      );
      assert.deepEqual(answered.project, {
        id: first.project.id,
        number: first.project.number,
        title: first.project.title,
        speerpunt: first.project.speerpunt,
        owners: first.project.owners,
      });
      assert.deepEqual(
        answered.delegations?.map((d) => d.to),
        ['j.jansen@example.org'],
      );
      for (const field of ['versions', 'approved', 'previous', 'draft'])
        assert.equal(field in answered, false, field);
      const withDraft = glances.find((glance) => glance.id === second.id);
      assert.ok(withDraft);
      assert.equal(withDraft.hasDraft, true);
      assert.equal(withDraft.versionCount, 0);
      assert.equal('latest' in withDraft, false);
      glances.forEach(assertNoCosmosBookkeeping);
    });
  });

  describe('CosmosContactRepository', function () {
    it('stores a contact by user id and gives it back without the document id', async function () {
      const contacts = new CosmosContactRepository(store.containers.contacts);
      const contact: Contact = {
        userId: 'user-1',
        name: 'Alex',
        language: 'nl',
        address: { conversation: { id: 'conv-1' } },
        updatedAt: '2021-06-01T08:00:00.000Z',
      };
      await contacts.upsert(contact);
      await contacts.upsert({ ...contact, language: 'en' });

      assert.deepEqual(await contacts.get('user-1'), { ...contact, language: 'en' });
      assert.equal(await contacts.get('user-2'), undefined);
    });

    it('finds a contact by object id or by e-mail / UPN, whatever the case, with point reads', async function () {
      const contacts = new CosmosContactRepository(store.containers.contacts);
      const contact: Contact = {
        userId: 'aaaaaaaa-0000-0000-0000-00000000000a',
        name: 'Megan',
        email: 'megan.bowen@gemeente.nl',
        language: 'nl',
        updatedAt: '2021-06-01T08:00:00.000Z',
      };
      await contacts.upsert(contact);

      assert.deepEqual(await contacts.find('Megan.Bowen@Gemeente.NL'), contact);
      assert.deepEqual(await contacts.find('AAAAAAAA-0000-0000-0000-00000000000A'), contact);
      assert.equal(await contacts.find('someone.else@gemeente.nl'), undefined);
      assert.equal(await contacts.get('email:megan.bowen@gemeente.nl'), undefined, 'an alias is no contact');
    });

    it('lets an e-mail address that moved to another person find only the new one', async function () {
      const contacts = new CosmosContactRepository(store.containers.contacts);
      const base = { name: 'X', language: 'nl' as const, updatedAt: '2021-06-01T08:00:00.000Z' };
      await contacts.upsert({ ...base, userId: 'old-person', email: 'secretariaat@gemeente.nl' });
      await contacts.upsert({ ...base, userId: 'old-person', email: 'oud@gemeente.nl' });
      assert.equal(await contacts.find('secretariaat@gemeente.nl'), undefined, 'no longer theirs');

      await contacts.upsert({ ...base, userId: 'new-person', email: 'secretariaat@gemeente.nl' });
      assert.equal((await contacts.find('secretariaat@gemeente.nl'))?.userId, 'new-person');
    });

    it('finds many owners at once as find finds each, in two queries however many there are', async function () {
      const contacts = new CosmosContactRepository(store.containers.contacts);
      const base = { language: 'nl' as const, updatedAt: '2021-06-01T08:00:00.000Z' };
      const people: Contact[] = Array.from({ length: 30 }, (_, i) => ({
        ...base,
        userId: `aaaaaaaa-0000-0000-0000-${String(i).padStart(12, '0')}`,
        name: `Eigenaar ${i}`,
        ...(i % 3 === 0 ? { email: `eigenaar.${i}@gemeente.nl` } : {}),
      }));
      for (const person of people) await contacts.upsert(person);
      await contacts.upsert({
        ...base,
        userId: 'old-person',
        name: 'Oud',
        email: 'secretariaat@gemeente.nl',
      });
      await contacts.upsert({ ...base, userId: 'old-person', name: 'Oud', email: 'oud@gemeente.nl' });
      await new CosmosDigestChannelRepository(store.containers.contacts).add({
        channelId: 'channel:19:ruimte@thread.tacv2',
        by: 'coordinator',
        since: '2021-06-01T08:00:00.000Z',
      });
      const owners = [
        ...people.map((person) => (person.email ?? person.userId).toUpperCase()),
        'someone.else@gemeente.nl',
        'bbbbbbbb-0000-0000-0000-000000000000',
        'secretariaat@gemeente.nl',
        'email:eigenaar.0@gemeente.nl',
        'digest-channels',
      ];
      const requests = await countingStoreRequests();

      const found = await contacts.findMany(owners);

      const { queries, pointReads, writes } = requests.counts();
      requests.stop();
      assert.deepEqual({ queries, pointReads, writes }, { queries: 2, pointReads: 0, writes: 0 });
      assert.equal(found.size, 30);
      for (const owner of owners) assert.deepEqual(found.get(owner), await contacts.find(owner), owner);
    });

    it('keeps a channel under its channel id, apart from any person, and finds it by that id in any case', async function () {
      const contacts = new CosmosContactRepository(store.containers.contacts);
      const channel: Contact = {
        userId: channelTargetId('19:Ruimte@thread.tacv2'),
        name: 'Ruimte › Algemeen',
        language: 'en',
        address: { conversation: { id: '19:Ruimte@thread.tacv2', conversationType: 'channel' } },
        updatedAt: '2021-06-01T08:00:00.000Z',
      };
      await contacts.upsert(channel);

      assert.deepEqual(await contacts.get('channel:19:RUIMTE@thread.tacv2'), channel);
    });
  });

  describe('CosmosDigestChannelRepository', function () {
    const ruimte = {
      channelId: 'channel:19:ruimte@thread.tacv2',
      by: 'coordinator',
      since: '2021-06-02T10:00:00.000Z',
    };
    const kwaliteit = { ...ruimte, channelId: 'channel:19:kwaliteit@thread.tacv2' };

    it('lists the channels added, each once, and forgets one removed', async function () {
      const channels = new CosmosDigestChannelRepository(store.containers.contacts);
      assert.deepEqual(await channels.list(), []);

      assert.equal(await channels.add(ruimte), true);
      assert.equal(await channels.add(kwaliteit), true);
      assert.equal(await channels.add({ ...ruimte, since: '2021-06-09T10:00:00.000Z' }), false);
      assert.deepEqual(await channels.list(), [ruimte, kwaliteit]);

      assert.equal(await channels.remove(ruimte.channelId), true);
      assert.equal(await channels.remove(ruimte.channelId), false);
      assert.deepEqual(await channels.list(), [kwaliteit]);
    });

    it('loses no channel when two coordinators add one at the same moment', async function () {
      const first = new CosmosDigestChannelRepository(store.containers.contacts);
      const second = new CosmosDigestChannelRepository(store.containers.contacts);
      await first.add({ ...ruimte, channelId: 'channel:19:eerste@thread.tacv2' });

      await Promise.all([first.add(ruimte), second.add(kwaliteit)]);

      assert.deepEqual((await first.list()).map((channel) => channel.channelId).sort(), [
        'channel:19:eerste@thread.tacv2',
        kwaliteit.channelId,
        ruimte.channelId,
      ]);
    });

    it('is never mistaken for a contact', async function () {
      const channels = new CosmosDigestChannelRepository(store.containers.contacts);
      await channels.add(ruimte);

      assert.equal(
        await new CosmosContactRepository(store.containers.contacts).get('digest-channels'),
        undefined,
      );
    });
  });

  describe('CosmosHouseTemplateRepository', function () {
    const template = (fileName: string): HouseTemplate => ({
      styles: '<?xml version="1.0"?><w:styles xmlns:w="urn:w"><w:style w:styleId="Kop1"/></w:styles>',
      theme: '<a:theme xmlns:a="urn:a"/>',
      defaultTableStyle: 'Huisstijltabel',
      fileName,
      size: 12_345,
      storedBy: 'coordinator-1',
      storedByName: 'Carla',
      storedAt: '2021-06-01T08:00:00.000Z',
    });

    it('keeps one template: the last one stored, as a plain object, until it is removed', async function () {
      const templates = new CosmosHouseTemplateRepository(store.containers.settings);
      assert.equal(await templates.get(), undefined);

      await templates.put(template('oud.dotx'));
      await templates.put(template('huisstijl.dotx'));
      assert.deepEqual(await templates.get(), template('huisstijl.dotx'));

      assert.equal(await templates.remove(), true);
      assert.equal(await templates.get(), undefined);
      assert.equal(await templates.remove(), false, 'nothing left to remove');
    });
  });
});
