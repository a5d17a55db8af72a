import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { CheckedTokens, TeamsAdapter, type Authenticated } from '../../../src/teams/adapter';

/** Counts the checks it is asked for; every token it is given checks out, except 'bad'. */
class CountingAuthentication {
  checks = 0;

  authenticateRequest(_activity: Activity, authorization: string): Promise<Authenticated> {
    this.checks++;
    if (authorization === 'Bearer bad') return Promise.reject(new Error('Unauthorized'));
    const exp = authorization === 'Bearer expired' ? nowSeconds() - 3600 : nowSeconds() + 3600;
    return Promise.resolve({
      claimsIdentity: { getClaimValue: (type: string) => (type === 'exp' ? String(exp) : null) },
    } as unknown as Authenticated);
  }
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

function adapterWith(auth: CountingAuthentication): TeamsAdapter {
  return new TeamsAdapter(auth as unknown as ConstructorParameters<typeof TeamsAdapter>[0]);
}

const activity = (serviceUrl = 'https://smba.trafficmanager.net/emea/'): Activity =>
  ({ type: 'invoke', channelId: 'msteams', serviceUrl }) as Activity;

describe('TeamsAdapter.authenticate', () => {
  it('checks a token once and takes it again without checking, for the same service URL', async () => {
    const auth = new CountingAuthentication();
    const adapter = adapterWith(auth);
    const first = await adapter.authenticate(activity(), 'Bearer good');
    const second = await adapter.authenticate(activity(), 'Bearer good');
    assert.equal(auth.checks, 1);
    assert.equal(second, first);
  });

  it('checks the same token again for another service URL, which it may not name', async () => {
    const auth = new CountingAuthentication();
    const adapter = adapterWith(auth);
    await adapter.authenticate(activity(), 'Bearer good');
    await adapter.authenticate(activity('https://evil.example.org/'), 'Bearer good');
    assert.equal(auth.checks, 2);
  });

  it('never remembers a token that failed', async () => {
    const auth = new CountingAuthentication();
    const adapter = adapterWith(auth);
    await assert.rejects(adapter.authenticate(activity(), 'Bearer bad'));
    await assert.rejects(adapter.authenticate(activity(), 'Bearer bad'));
    assert.equal(auth.checks, 2);
  });

  it('does not take a token past its expiry from memory', async () => {
    const auth = new CountingAuthentication();
    const adapter = adapterWith(auth);
    await adapter.authenticate(activity(), 'Bearer expired');
    await adapter.authenticate(activity(), 'Bearer expired');
    assert.equal(auth.checks, 2);
  });

  it('remembers nothing for a request without a token (an anonymous bot in development)', async () => {
    const auth = new CountingAuthentication();
    const adapter = adapterWith(auth);
    await adapter.authenticate(activity(), '');
    await adapter.authenticate(activity(), '');
    assert.equal(auth.checks, 2);
  });
});

describe('CheckedTokens', () => {
  const value = {} as Authenticated;

  it('gives a token up a minute before it expires', () => {
    const tokens = new CheckedTokens();
    tokens.set('k', value, 1_000_000);
    assert.equal(tokens.get('k', 1_000_000 - 60_001), value);
    assert.equal(tokens.get('k', 1_000_000 - 60_000), undefined);
    assert.equal(tokens.size, 0);
  });

  it('keeps at most as many as it may, letting the oldest go', () => {
    const tokens = new CheckedTokens(2);
    tokens.set('a', value, 10_000_000);
    tokens.set('b', value, 10_000_000);
    tokens.set('c', value, 10_000_000);
    assert.equal(tokens.size, 2);
    assert.equal(tokens.get('a', 0), undefined);
    assert.equal(tokens.get('c', 0), value);
  });
});
