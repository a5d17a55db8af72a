import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunningApp } from '../../src/app';
import { projectIdOf, type Project } from '../../src/domain/model';
import type { Repositories } from '../../src/domain/repositories';
import { ERASED, type PersonalDataExport } from '../../src/domain/use-cases/personal-data';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { projectRoot } from '../../src/project-root';
import { activityFrom, postActivity, type TestUser } from '../support/activities';
import { FixedClock } from '../support/fixed-clock';
import { RecordingConnector } from '../support/recording-connector';
import { startTestApp } from '../support/test-app';

const run = promisify(execFile);
const coordinator: TestUser = {
  id: '29:coordinator',
  aadObjectId: 'cdcdcdcd-0000-0000-0000-000000000001',
  name: 'Alex Wilber',
};
const leaver: TestUser = {
  id: '29:leaver',
  aadObjectId: 'cdcdcdcd-0000-0000-0000-000000000002',
  name: 'Megan Bowen',
};
const LEAVER_EMAIL = 'megan.bowen@gemeente.example';
const colleague = 'lee.gu@gemeente.example';
const ROUND_ID = 'voortgangsrapportage-2021';
const ANSWER = 'De balie is ingericht.';

function project(number: string, owners: readonly string[]): Project {
  return {
    id: projectIdOf(2021, number),
    year: 2021,
    number,
    title: `Project ${number}`,
    speerpunt: 'Kwaliteit',
    goal: 'Doel',
    activities: 'Doen',
    owners,
  };
}

describe('AVG: exporting and erasing one person’s data with the CLI, against the local Cosmos', function () {
  this.timeout(60_000);
  let connector: RecordingConnector;
  let app: RunningApp;
  let repositories: Repositories;
  let cli: (...args: string[]) => Promise<{ stdout: string; stderr: string }>;

  before(async function () {
    connector = await new RecordingConnector().start();
    const started = await startTestApp(
      {
        COORDINATORS: coordinator.aadObjectId,
      },
      {
        clock: new FixedClock(new Date('2021-06-01T08:00:00Z')),
      },
    );
    ({ app } = started);
    const { botUrl, cosmos } = started;
    const env = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_DATABASE: cosmos.database,
    };
    cli = (...args) =>
      run(process.execPath, [join(projectRoot(), 'dist', 'src', 'cli.js'), ...args], { env });
    repositories = cosmosRepositories(app.store);

    // The register names the leaver by e-mail, as registers do; the roster told the bot who that is.
    await repositories.projects.upsertMany([
      project('4.2.3', [LEAVER_EMAIL]),
      project('4.2.4', [LEAVER_EMAIL.toUpperCase(), colleague]),
      project('7', [colleague]),
    ]);
    for (const user of [coordinator, leaver]) {
      await postActivity(
        botUrl,
        activityFrom(user, connector.url, { type: 'installationUpdate', action: 'add' }),
      );
    }
    const contact = await repositories.contacts.get(leaver.aadObjectId);
    assert.ok(contact);
    await repositories.contacts.upsert({ ...contact, email: LEAVER_EMAIL });
    await postActivity(
      botUrl,
      activityFrom(coordinator, connector.url, {
        type: 'message',
        text: 'ronde open voortgangsrapportage 2021 tot 1-7-2021',
      }),
    );
    await connector.waitForActivities(2 + 1 + 2);
    const submitted = await postActivity(
      botUrl,
      activityFrom(leaver, connector.url, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'submitStatus',
            data: {
              roundId: ROUND_ID,
              projectId: projectIdOf(2021, '4.2.3'),
              status: 'op-schema',
              answer: ANSWER,
            },
          },
        },
      }),
    );
    assert.match(JSON.stringify(submitted.body), /Opgeslagen/);
    // The colleague opened the app: the bot delegates only to someone it can reach.
    const known = await repositories.contacts.get(coordinator.aadObjectId);
    assert.ok(known?.address);
    await repositories.contacts.upsert({
      userId: 'cccccccc-0000-0000-0000-000000000001',
      name: 'Lee Gu',
      email: colleague,
      language: 'nl',
      address: { ...known.address, conversation: { id: 'personal-29:lee' } },
      updatedAt: '2021-06-01T08:00:00.000Z',
    });
    await postActivity(
      botUrl,
      activityFrom(leaver, connector.url, { type: 'message', text: `delegeer 4.2.4 aan ${colleague}` }),
    );
  });

  after(async function () {
    await app.close();
    await connector.stop();
  });

  it('exports everything that names the person, found by e-mail in any case', async function () {
    const { stdout } = await cli('person', 'export', 'Megan.Bowen@Gemeente.Example');
    const data = JSON.parse(stdout) as PersonalDataExport;

    assert.equal(data.contact?.userId, leaver.aadObjectId);
    assert.deepEqual(
      data.ownerOf.map((owned) => owned.number),
      ['4.2.3', '4.2.4'],
    );
    const answered = data.statusUpdates.find((part) => part.projectId === projectIdOf(2021, '4.2.3'));
    assert.equal(answered?.versions[0]?.answer, ANSWER);
    const delegated = data.statusUpdates.find((part) => part.projectId === projectIdOf(2021, '4.2.4'));
    assert.equal(delegated?.delegations[0]?.to, colleague);
    assert.ok(data.messages.length >= 2, 'the asks sent to them');
    assert.ok(!stdout.includes('Project 7'), 'nothing about others');
  });

  it('erases only with --yes, and then leaves nothing that names the person, keeping what they wrote', async function () {
    await assert.rejects(cli('person', 'erase', LEAVER_EMAIL), { code: 1 });
    assert.ok(await repositories.contacts.get(leaver.aadObjectId), 'nothing erased without --yes');

    const { stdout } = await cli('person', 'erase', leaver.aadObjectId, '--yes');

    assert.match(stdout, /Contact verwijderd; 2 antwoorden geanonimiseerd/);
    assert.match(stdout, /Zonder eigenaar nu .*: 2021:4\.2\.3$/m);
    assert.equal(await repositories.contacts.get(leaver.aadObjectId), undefined);
    assert.equal(await repositories.contacts.find(LEAVER_EMAIL), undefined, 'the e-mail alias is gone');
    const register = await repositories.projects.listByYear(2021);
    assert.deepEqual(register.find((p) => p.number === '4.2.4')?.owners, [colleague]);
    const answered = (await repositories.statusUpdates.get(ROUND_ID, projectIdOf(2021, '4.2.3')))?.value
      .versions[0];
    assert.ok(answered);
    assert.equal(answered.answer, ANSWER, 'the organisation’s record stays');
    assert.equal(answered.answeredBy, ERASED);
    assert.equal(answered.answeredByName, ERASED);
    const delegated = (await repositories.statusUpdates.get(ROUND_ID, projectIdOf(2021, '4.2.4')))?.value;
    assert.deepEqual(
      delegated?.delegations?.map((d) => [d.to, d.by]),
      [[colleague, ERASED]],
    );
    const jobs = await repositories.sendJobs.listByRound(ROUND_ID);
    assert.ok(
      jobs.every((job) => ![leaver.aadObjectId, LEAVER_EMAIL].includes(job.recipientId.toLowerCase())),
      'no message owed to them',
    );
    assert.ok(
      jobs.some((job) => job.recipientId === colleague),
      'others’ messages stay',
    );

    const after = JSON.parse((await cli('person', 'export', LEAVER_EMAIL)).stdout) as PersonalDataExport;
    assert.deepEqual(
      [after.contact, after.ownerOf, after.statusUpdates, after.messages],
      [undefined, [], [], []],
    );
  });
});
