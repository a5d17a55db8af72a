import { createHmac, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Teams' tokens say they come from here (Bot Framework channel tokens). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/** up: answers; failing: answers every request 503; unreachable: drops every connection at once. */
export type ProviderState = 'up' | 'failing' | 'unreachable';

interface TokenHeader {
  readonly alg: string;
  readonly kid?: string;
  readonly typ?: string;
}

/**
 * Stands in for the Bot Framework's identity provider on 127.0.0.1: the OpenID metadata and its
 * key set (JWKS), one RSA key endorsed for msteams as Microsoft's are, and tokens signed with
 * it. It can fail or drop connections, and counts how often anyone tried to reach it.
 */
export class LocalIdentityProvider {
  readonly keyId = `local-${randomUUID()}`;
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  /** Requests served, and connections dropped while unreachable. */
  attempts = 0;
  private state: ProviderState = 'up';
  private server?: Server;
  /**
   * Where the metadata is. A path of its own, because botframework-connector caches keys per
   * address for the whole process, and a later provider may get this one's port.
   */
  metadataUrl = '';

  async start(): Promise<this> {
    const base = `/${randomUUID()}/v1/.well-known`;
    const server = createServer((req, res) => {
      this.attempts++;
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (this.state === 'failing') {
        send(503, { error: 'unavailable' });
      } else if (req.url === `${base}/openidconfiguration`) {
        send(200, {
          issuer: BOT_FRAMEWORK_ISSUER,
          jwks_uri: `${this.origin()}${base}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        });
      } else if (req.url === `${base}/keys`) {
        send(200, { keys: [this.publicJwk()] });
      } else {
        send(404, {});
      }
    });
    server.on('connection', (socket) => {
      if (this.state !== 'unreachable') return;
      this.attempts++;
      socket.destroy();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    this.server = server;
    this.metadataUrl = `${this.origin()}${base}/openidconfiguration`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  setState(state: ProviderState): void {
    this.state = state;
  }

  /** A token as Teams sends one: RS256, signed with this provider's key, under its key id (or `kid`). */
  token(claims: Record<string, unknown>, kid = this.keyId): string {
    return this.tokenSignedWith(this.keys.privateKey, claims, kid);
  }

  /** The same, signed with `key` but naming this provider's key id (or `kid`). */
  tokenSignedWith(key: KeyObject, claims: Record<string, unknown>, kid = this.keyId): string {
    return jwt({ alg: 'RS256', kid, typ: 'JWT' }, claims, (input) => sign('sha256', Buffer.from(input), key));
  }

  /** Unsigned: `alg: none` under this provider's key id. */
  unsignedToken(claims: Record<string, unknown>): string {
    return jwt({ alg: 'none', kid: this.keyId, typ: 'JWT' }, claims, () => Buffer.alloc(0));
  }

  /**
   * HS256 with the public key as the HMAC secret: the old key-confusion attack on validators
   * that let the token choose the algorithm.
   */
  hmacTokenWithPublicKey(claims: Record<string, unknown>): string {
    const secret = this.keys.publicKey.export({ type: 'spki', format: 'pem' });
    return jwt({ alg: 'HS256', kid: this.keyId, typ: 'JWT' }, claims, (input) =>
      createHmac('sha256', secret).update(input).digest(),
    );
  }

  private publicJwk(): Record<string, unknown> {
    const { kty, n, e } = this.keys.publicKey.export({ format: 'jwk' });
    return { kty, use: 'sig', kid: this.keyId, n, e, endorsements: ['msteams'] };
  }

  private origin(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }
}

/** Another RSA key, the provider never published: a forger's. */
export function foreignKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

function jwt(
  header: TokenHeader,
  claims: Record<string, unknown>,
  signature: (input: string) => Buffer,
): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${encode(header)}.${encode(claims)}`;
  return `${input}.${signature(input).toString('base64url')}`;
}
