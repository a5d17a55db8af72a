/** The compiled chapter and its download links. */
import type { Language } from '../../domain/model';
import type { Chapter } from '../../domain/chapter';
import { TEXTS, formatDateTime, roundName } from '../texts';
import { renderCard, type AdaptiveCard } from './render';

export interface DocumentLinks {
  readonly docx: string;
  readonly md: string;
  /** The round's answers as a sheet: every project and version, with the review decisions. */
  readonly xlsx: string;
  readonly expiresAt: Date;
}

/** The compiled chapter: how complete it is, and links to download it (they expire). */
export function documentCard(
  language: Language,
  chapter: Chapter,
  links: DocumentLinks,
  options: { readonly final?: boolean; readonly houseTemplate?: string } = {},
): AdaptiveCard {
  const t = TEXTS[language];
  const missing = chapter.groups
    .flatMap((group) => group.sections)
    .filter((section) => section.missing)
    .map((section) => section.number);
  const unapproved = chapter.blockers.filter((blocker) => blocker.flag !== 'missing').map((b) => b.number);
  return renderCard('document', {
    title: t.documentTitle(roundName(language, chapter.kind, chapter.year), options.final === true),
    cover:
      t.documentCover(chapter.answered, chapter.total, chapter.footnotes.length) +
      (chapter.review ? ` ${t.documentReviewed(unapproved)}` : '') +
      (options.houseTemplate ? ` ${t.documentHouseTemplate(options.houseTemplate)}` : ''),
    missing: missing.length > 0 ? t.documentMissing(missing) : '',
    expires: t.documentExpires(formatDateTime(language, links.expiresAt.toISOString())),
    links: { docx: links.docx, md: links.md, xlsx: links.xlsx },
    labels: { docx: t.documentDocx, md: t.documentMd, xlsx: t.documentXlsx },
  });
}
