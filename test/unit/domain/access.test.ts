import assert from 'node:assert/strict';
import { mayAnswer, mayReview, reviewScopeOf, roleChecks } from '../../../src/domain/access';
import type { Person } from '../../../src/domain/model';
import { inMemoryRepositories, type InMemoryRepositories } from '../../support/in-memory-repositories';
import { COORDINATOR, OWNER, SECOND_OWNER, STRANGER, project, round, statusUpdate } from './fixtures';

describe('who may do what', () => {
  const roles = roleChecks({
    coordinators: [COORDINATOR.id, 'Petra.Plaatsvervanger@Gemeenten.example'],
    readers: ['r.lezer@gemeenten.example'],
    allowedTenants: ['6E8F1A2B-0000-4000-8000-000000000001'],
  });
  const byEmail = (email: string): Person => ({
    id: '11111111-2222-4333-8444-555555555555',
    name: 'x',
    email,
  });
  let repositories: InMemoryRepositories;

  beforeEach(() => {
    repositories = inMemoryRepositories();
  });

  describe('from configuration', () => {
    it('knows a coordinator by object id or by e-mail, in any case', () => {
      assert.equal(roles.isCoordinator(COORDINATOR), true);
      assert.equal(roles.isCoordinator(byEmail('petra.plaatsvervanger@gemeenten.example')), true);
      assert.equal(roles.isCoordinator(OWNER), false);
      assert.equal(
        roles.isCoordinator(byEmail('r.lezer@gemeenten.example')),
        false,
        'a reader is no coordinator',
      );
    });

    it('lets coordinators and readers read every project, and nobody else', () => {
      assert.equal(roles.mayReadAll(COORDINATOR), true);
      assert.equal(roles.mayReadAll(byEmail('r.lezer@gemeenten.example')), true);
      assert.equal(roles.mayReadAll(OWNER), false);
    });

    it('lets in only the tenants on the list, in any case; without a list, every tenant', () => {
      assert.equal(roles.tenantAllowed('6e8f1a2b-0000-4000-8000-000000000001'), true);
      assert.equal(roles.tenantAllowed('6e8f1a2b-0000-4000-8000-000000000002'), false);
      assert.equal(roles.tenantAllowed(undefined), false, 'an activity without a tenant is foreign');
      const open = roleChecks({ coordinators: [], readers: [], allowedTenants: [] });
      assert.equal(open.tenantAllowed(undefined), true);
      assert.equal(open.tenantAllowed('any'), true);
    });
  });

  describe('answering', () => {
    const deps = () => ({ contacts: repositories.contacts, isCoordinator: roles.isCoordinator });

    it('lets the owners, a delegate of this round and coordinators answer, and nobody else', async () => {
      const update = {
        ...statusUpdate(round(), project('4.2.3', { owners: [OWNER.id, 'Sanne@Gemeenten.example'] })),
        delegations: [{ to: 'j.jansen@gemeenten.example', by: OWNER.id, at: '2021-06-01T08:00:00.000Z' }],
      };
      assert.equal(await mayAnswer(update, OWNER, deps()), true);
      assert.equal(
        await mayAnswer(update, { ...SECOND_OWNER, email: 'sanne@gemeenten.example' }, deps()),
        true,
      );
      assert.equal(await mayAnswer(update, byEmail('j.jansen@gemeenten.example'), deps()), true);
      assert.equal(await mayAnswer(update, COORDINATOR, deps()), true);
      assert.equal(await mayAnswer(update, STRANGER, deps()), false);
    });

    it('looks up the e-mail of someone a card names only by object id', async () => {
      const update = statusUpdate(round(), project('2', { owners: ['sanne@gemeenten.example'] }));
      assert.equal(await mayAnswer(update, SECOND_OWNER, deps()), false, 'not known yet');
      await repositories.contacts.upsert({
        userId: SECOND_OWNER.id,
        name: SECOND_OWNER.name,
        email: 'sanne@gemeenten.example',
        language: 'nl',
        updatedAt: '2021-06-01T08:00:00.000Z',
      });
      assert.equal(await mayAnswer(update, SECOND_OWNER, deps()), true);
    });
  });

  describe('reviewing', () => {
    const reviewers = new Map([['financiën', ['f.controller@gemeenten.example']]]);
    const deps = () => ({
      contacts: repositories.contacts,
      isCoordinator: roles.isCoordinator,
      speerpuntReviewers: reviewers,
    });
    const finance = statusUpdate(round(), project('2', { speerpunt: ' Financiën ' }));
    const quality = statusUpdate(round(), project('4.2.3', { speerpunt: 'Kwaliteit' }));

    it('lets coordinators review everything', async () => {
      const scope = await reviewScopeOf(COORDINATOR, deps());
      assert.deepEqual(scope, { all: true });
      assert.equal(mayReview(scope, finance) && mayReview(scope, quality), true);
    });

    it('lets a speerpunt reviewer review that speerpunt only, and an owner nothing', async () => {
      const controller = await reviewScopeOf(byEmail('f.controller@gemeenten.example'), deps());
      assert.equal(mayReview(controller, finance), true);
      assert.equal(mayReview(controller, quality), false);
      const owner = await reviewScopeOf(OWNER, deps());
      assert.equal(mayReview(owner, finance) || mayReview(owner, quality), false);
    });
  });
});
