import { createHmac, timingSafeEqual } from 'node:crypto';

export const DOCUMENT_FORMATS = ['docx', 'md'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** How long a download link works: long enough to click it, short enough not to be passed round. */
export const LINK_LIFETIME_MS = 15 * 60_000;

/**
 * What a link opens: a path under /api, such as `documents/jaarverslag-2021.docx` or
 * `register-sheets/<id>.csv`. The signature covers the whole of it, so a link opens exactly one
 * resource.
 */
export type SignedResource = `${string}/${string}`;

function signature(secret: string, resource: SignedResource, expires: number): Buffer {
  return createHmac('sha256', secret).update(`${resource}\n${expires}`).digest();
}

/** The path (with query) of a link that opens exactly this resource until `expiresAt`. */
export function signedPath(secret: string, resource: SignedResource, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  const sig = signature(secret, resource, expires).toString('base64url');
  const path = resource.split('/').map(encodeURIComponent).join('/');
  return `/api/${path}?expires=${expires}&sig=${sig}`;
}

export type LinkCheck =
  { readonly ok: true } | { readonly ok: false; readonly reason: 'malformed' | 'forged' | 'expired' };

/**
 * Checks a link to `resource`: the expiry and the signature over both. The signature is compared
 * in constant time, and an expired link is refused even when its signature is good.
 */
export function checkLink(
  secret: string,
  resource: SignedResource,
  query: { readonly expires?: unknown; readonly sig?: unknown },
  now: Date,
): LinkCheck {
  // One spelling only: the expiry without leading zeros, the signature as signedPath writes it
  // (Node's base64url decoder would also take `+`, `/`, padding, stray characters and other
  // values of the unused last bits).
  const expires =
    typeof query.expires === 'string' && /^[1-9]\d{0,11}$/.test(query.expires) ? Number(query.expires) : NaN;
  const sig = typeof query.sig === 'string' && /^[\w-]{43}$/.test(query.sig) ? query.sig : undefined;
  const given = sig === undefined ? Buffer.alloc(0) : Buffer.from(sig, 'base64url');
  if (!Number.isFinite(expires) || (sig !== undefined && given.toString('base64url') !== sig))
    return { ok: false, reason: 'malformed' };
  const expected = signature(secret, resource, expires);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'forged' };
  if (expires * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true };
}

/** The round and format a chapter's file name names, e.g. `jaarverslag-2021.docx`. */
export function parseDocumentFile(
  file: string,
): { readonly roundId: string; readonly format: DocumentFormat; readonly final: boolean } | undefined {
  const match = /^([a-z]+-\d{4})(-definitief)?\.(docx|md)$/.exec(file);
  if (!match?.[1] || !match[3]) return undefined;
  return { roundId: match[1], format: match[3] as DocumentFormat, final: match[2] !== undefined };
}

/** The file name of a round's chapter: `jaarverslag-2021.docx`, or `…-definitief.docx` for the final version. */
export function documentFile(roundId: string, format: DocumentFormat, final: boolean): string {
  return `${roundId}${final ? '-definitief' : ''}.${format}`;
}
