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

/** Which chapter a file name names, e.g. `jaarverslag-2021.docx` or `jaarverslag-2021-definitief-zonder-overzicht.md`. */
export interface DocumentRef {
  readonly roundId: string;
  readonly format: DocumentFormat;
  readonly final: boolean;
  /** Whether the chapter starts with the overview table. */
  readonly overview: boolean;
}

export function parseDocumentFile(file: string): DocumentRef | undefined {
  const match = /^([a-z]+-\d{4})(-definitief)?(-zonder-overzicht)?\.(docx|md)$/.exec(file);
  if (!match?.[1] || !match[4]) return undefined;
  return {
    roundId: match[1],
    format: match[4] as DocumentFormat,
    final: match[2] !== undefined,
    overview: match[3] === undefined,
  };
}

/** The file name of a round's chapter: `jaarverslag-2021.docx`, `…-definitief.docx` for the final version, `…-zonder-overzicht.docx` without the overview. */
export function documentFile(ref: DocumentRef): string {
  return `${ref.roundId}${ref.final ? '-definitief' : ''}${ref.overview ? '' : '-zonder-overzicht'}.${ref.format}`;
}

/**
 * Whom an answer sheet is for, as its link names it: `alle` for someone who may read every
 * project (decided when the link was given out, as for the chapter), else the person by object
 * id and, when known, e-mail (`<id>,<e-mail>`), whose rows are chosen when the sheet is made.
 */
export type SheetReader =
  { readonly scope: 'all' } | { readonly scope: 'own'; readonly id: string; readonly email?: string };

const ALL_READERS = 'alle';

export function sheetReaderKey(reader: SheetReader): string {
  if (reader.scope === 'all') return ALL_READERS;
  return reader.email ? `${reader.id},${reader.email}` : reader.id;
}

export function parseSheetReaderKey(key: string): SheetReader | undefined {
  if (key === ALL_READERS) return { scope: 'all' };
  const match = /^([\w.:-]{1,128})(?:,([^,\s/]{1,254}))?$/.exec(key);
  if (!match?.[1]) return undefined;
  return { scope: 'own', id: match[1], ...(match[2] ? { email: match[2] } : {}) };
}

/** The file name of a round's answers as a sheet: `jaarverslag-2021-antwoorden.xlsx`. */
export function answerSheetFile(roundId: string): string {
  return `${roundId}-antwoorden.xlsx`;
}

/** The round an answer sheet's file name names. */
export function parseAnswerSheetFile(file: string): string | undefined {
  return /^([a-z]+-\d{4})-antwoorden\.xlsx$/.exec(file)?.[1];
}

/**
 * The signed, expiring links the bot hands out: to a round's compiled chapter (Word and
 * Markdown), its answers as a sheet, and to a register draft as a sheet. `baseUrl` is asked each time: the port is known
 * only once the server listens.
 */
export function downloadLinks(settings: {
  readonly secret: string;
  readonly baseUrl: () => string;
  readonly now: () => Date;
}) {
  const expiry = () => new Date(settings.now().getTime() + LINK_LIFETIME_MS);
  return {
    documentLinks: (roundId: string, final = false, overview = true) => {
      const expiresAt = expiry();
      const link = (format: DocumentFormat) =>
        settings.baseUrl() +
        signedPath(
          settings.secret,
          `documents/${documentFile({ roundId, format, final, overview })}`,
          expiresAt,
        );
      return { docx: link('docx'), md: link('md'), expiresAt };
    },
    answerSheetLink: (roundId: string, reader: SheetReader) => {
      const expiresAt = expiry();
      return {
        url:
          settings.baseUrl() +
          signedPath(
            settings.secret,
            `answer-sheets/${sheetReaderKey(reader)}/${answerSheetFile(roundId)}`,
            expiresAt,
          ),
        expiresAt,
      };
    },
    registerSheetLink: (draftId: string) => {
      const expiresAt = expiry();
      return {
        url: settings.baseUrl() + signedPath(settings.secret, `register-sheets/${draftId}.xlsx`, expiresAt),
        expiresAt,
      };
    },
  };
}
