import type { Chapter } from '../domain/chapter';

const DUTCH_DATE = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** 2021-07-01 → "1 juli 2021" */
export function dutchDate(isoDate: string): string {
  return DUTCH_DATE.format(new Date(`${isoDate}T00:00:00Z`));
}

/** The line under the title: what this is, when it was compiled, how complete it is. */
export function coverLine(chapter: Chapter): string {
  const missing = chapter.total - chapter.answered;
  const percentage = chapter.total === 0 ? 100 : Math.round((chapter.answered / chapter.total) * 100);
  return (
    `Samengesteld op ${dutchDate(chapter.compiledOn)} uit de antwoorden van de projecteigenaren. ` +
    `${chapter.answered} van ${chapter.total} projecten beantwoord (${percentage}%)` +
    (missing > 0
      ? `; ${missing} ${missing === 1 ? 'ontbreekt en is' : 'ontbreken en zijn'} gemarkeerd.`
      : '.')
  );
}
