import { createHmac, timingSafeEqual } from 'node:crypto';

export const DOCUMENT_FORMATS = ['docx', 'md'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** How long a download link works: long enough to click it, short enough not to be passed round. */
export const LINK_LIFETIME_MS = 15 * 60_000;

export interface DocumentRef {
  readonly roundId: string;
  readonly format: DocumentFormat;
}

function signature(secret: string, ref: DocumentRef, expires: number): Buffer {
  return createHmac('sha256', secret).update(`${ref.roundId}\n${ref.format}\n${expires}`).digest();
}

/** The path (with query) of a link that opens exactly this document until `expiresAt`. */
export function signedPath(secret: string, ref: DocumentRef, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  const sig = signature(secret, ref, expires).toString('base64url');
  return `/api/documents/${encodeURIComponent(ref.roundId)}.${ref.format}?expires=${expires}&sig=${sig}`;
}

export type LinkCheck =
  | { readonly ok: true; readonly ref: DocumentRef }
  | { readonly ok: false; readonly reason: 'malformed' | 'forged' | 'expired' };

/**
 * Checks a link: the file name, the expiry and the signature over both. The signature is
 * compared in constant time, and an expired link is refused even when its signature is good.
 */
export function checkLink(
  secret: string,
  file: string,
  query: { readonly expires?: unknown; readonly sig?: unknown },
  now: Date,
): LinkCheck {
  const match = /^([a-z]+-\d{4})\.(docx|md)$/.exec(file);
  const roundId = match?.[1];
  const format = match?.[2] as DocumentFormat | undefined;
  const expires =
    typeof query.expires === 'string' && /^\d{1,12}$/.test(query.expires) ? Number(query.expires) : NaN;
  const given = typeof query.sig === 'string' ? Buffer.from(query.sig, 'base64url') : Buffer.alloc(0);
  if (!roundId || !format || !Number.isFinite(expires)) return { ok: false, reason: 'malformed' };
  const ref = { roundId, format };
  const expected = signature(secret, ref, expires);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'forged' };
  if (expires * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, ref };
}
