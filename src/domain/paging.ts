/** One page of a list shown in a chat card, and where it sits among the pages. */
export interface Page<T> {
  readonly items: readonly T[];
  /** 1-based. */
  readonly page: number;
  readonly pages: number;
}

/**
 * Cuts a list into pages of `size`. A page number from a card comes back from the chat and may be
 * anything, and the list may have shrunk since the card was made: a page past the end shows the
 * last page, anything below 1 the first. An empty list is one empty page.
 */
export function pageOf<T>(items: readonly T[], requested: number | undefined, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(Math.max(1, Math.trunc(requested ?? 1)), pages);
  return { items: items.slice((page - 1) * size, page * size), page, pages };
}
