import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where files may be fetched from, and how much. A file a user sends the bot in Teams comes as a
 * short-lived, pre-authorised download link on the tenant's SharePoint / OneDrive; the link is
 * in the activity, so whoever can post an activity chooses it. Nothing else is fetched.
 */
export interface DownloadPolicy {
  /**
   * Host names a link may point at: `contoso.sharepoint.com`, or `*.sharepoint.com` for any
   * subdomain. An IP literal is allowed only when listed as itself (tests use 127.0.0.1).
   */
  readonly allowedHosts: readonly string[];
  readonly maxBytes: number;
  /** For the whole download, redirects included. */
  readonly timeoutMs: number;
}

export type DownloadRefusal =
  | 'bad-url'
  | 'host-not-allowed'
  | 'private-address'
  | 'too-large'
  | 'timeout'
  | 'http-status'
  | 'too-many-redirects'
  | 'network';

export class DownloadRefused extends Error {
  constructor(
    readonly reason: DownloadRefusal,
    detail = '',
  ) {
    super(`download refused: ${reason}${detail ? ` (${detail})` : ''}`);
    this.name = 'DownloadRefused';
  }
}

const MAX_REDIRECTS = 3;

/** Addresses no download link may lead to, however its name resolves: this host, the LAN, the cloud metadata service. */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv6');
}

function isInternal(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return INTERNAL.check(mapped, 'ipv4');
  return INTERNAL.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((pattern) => {
    const wanted = pattern.toLowerCase();
    if (wanted.startsWith('*.')) return host.endsWith(wanted.slice(1)) && host.length > wanted.length - 1;
    return host === wanted;
  });
}

/**
 * Checks a link before anything is sent: http(s) without credentials, to an allowed host; plain
 * http and IP literals only when the literal itself is allowed (a local test server).
 */
function checkUrl(raw: string, policy: DownloadPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DownloadRefused('bad-url');
  }
  if (url.username !== '' || url.password !== '') throw new DownloadRefused('bad-url', 'credentials');
  const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (!hostAllowed(host, policy.allowedHosts)) throw new DownloadRefused('host-not-allowed', host);
  const literal = isIP(host) !== 0;
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && literal) return url;
  throw new DownloadRefused('bad-url', url.protocol);
}

/**
 * Resolves like the system does, then refuses internal addresses. It runs when the socket
 * connects, so a name that resolves differently the second time (DNS rebinding) cannot slip by.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) {
      callback(error, '', 0);
    } else if (addresses.length === 0 || addresses.some((entry) => isInternal(entry.address))) {
      callback(new DownloadRefused('private-address', hostname), '', 0);
    } else if (options.all) {
      callback(null, addresses);
    } else {
      const [first] = addresses;
      callback(null, first?.address ?? '', first?.family ?? 4);
    }
  });
};

/**
 * Fetches a file a user sent, defensively: only from allowed hosts, never from an internal
 * address, at most `maxBytes` (refused as soon as more arrive), within `timeoutMs`, following at
 * most three redirects, each checked like the first link.
 */
export async function safeDownload(link: string, policy: DownloadPolicy): Promise<Buffer> {
  const signal = AbortSignal.timeout(policy.timeoutMs);
  let url = checkUrl(link, policy);
  for (let redirects = 0; ; redirects++) {
    const response = await get(url, signal);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      if (redirects >= MAX_REDIRECTS) throw new DownloadRefused('too-many-redirects');
      url = checkUrl(new URL(response.headers.location, url).toString(), policy);
      continue;
    }
    if (status !== 200) {
      response.resume();
      throw new DownloadRefused('http-status', String(status));
    }
    return readBody(response, policy.maxBytes, signal);
  }
}

function get(url: URL, signal: AbortSignal): Promise<IncomingMessage> {
  const literal = isIP(url.hostname.replace(/^\[(.*)\]$/, '$1')) !== 0;
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'GET',
        signal,
        // An allowed IP literal is connected to as given; names are resolved and checked.
        ...(literal ? {} : { lookup: publicOnlyLookup }),
        headers: { accept: '*/*', 'user-agent': 'stand-van-zaken' },
      },
      resolve,
    );
    outgoing.on('error', (error) => reject(refusalOf(error, signal)));
    outgoing.end();
  });
}

function readBody(response: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    return Promise.reject(new DownloadRefused('too-large', String(declared)));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new DownloadRefused('too-large', `more than ${maxBytes} bytes`));
        response.destroy();
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks)));
    response.on('error', (error) => reject(refusalOf(error, signal)));
    response.on('aborted', () => reject(refusalOf(new Error('aborted'), signal)));
  });
}

function refusalOf(error: unknown, signal: AbortSignal): DownloadRefused {
  if (error instanceof DownloadRefused) return error;
  if (signal.aborted) return new DownloadRefused('timeout');
  if (
    error instanceof Error &&
    'cause' in error &&
    error.cause instanceof DownloadRefused // the lookup's refusal, wrapped by the socket
  ) {
    return error.cause;
  }
  return new DownloadRefused('network', error instanceof Error ? error.message : String(error));
}
