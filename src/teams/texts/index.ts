/**
 * Everything the bot says, Dutch and English side by side, one file per feature; `TEXTS[language]`
 * puts them together. The helpers that format dates, rounds and statuses are in formatting.ts.
 */
import type { Language } from '../../domain/model';
import { chartTexts } from './charts';
import { digestTexts } from './digest';
import { documentTexts } from './document';
import { errorTexts } from './errors';
import { historyTexts } from './history';
import { houseTemplateTexts } from './house-template';
import { registerTexts } from './register';
import { reviewTexts } from './review';
import { roundTexts } from './round';
import { roundChoiceTexts } from './round-choice';
import { statusCardTexts } from './status-card';
import { summaryTexts } from './summary';
import { welcomeTexts } from './welcome';

export {
  examplesOn,
  formatDate,
  formatDateTime,
  formatShortDate,
  formatWeekdayTime,
  headings,
  listText,
  roundName,
  roundPhrase,
  roundPhraseOfId,
  statusChoices,
  statusTitle,
} from './formatting';

const nl = {
  ...welcomeTexts.nl,
  ...statusCardTexts.nl,
  ...errorTexts.nl,
  ...historyTexts.nl,
  ...summaryTexts.nl,
  ...documentTexts.nl,
  ...houseTemplateTexts.nl,
  ...registerTexts.nl,
  ...roundTexts.nl,
  ...roundChoiceTexts.nl,
  ...digestTexts.nl,
  ...reviewTexts.nl,
  ...chartTexts.nl,
};

export type Texts = typeof nl;

/** Every key the Dutch texts have, English has too (and each feature file checks the same). */
const en: Texts = {
  ...welcomeTexts.en,
  ...statusCardTexts.en,
  ...errorTexts.en,
  ...historyTexts.en,
  ...summaryTexts.en,
  ...documentTexts.en,
  ...houseTemplateTexts.en,
  ...registerTexts.en,
  ...roundTexts.en,
  ...roundChoiceTexts.en,
  ...digestTexts.en,
  ...reviewTexts.en,
  ...chartTexts.en,
};

/** The keys that more than one of `Features` has; `never` when none do. */
type SharedKeys<
  Features extends readonly unknown[],
  Seen extends PropertyKey = never,
> = Features extends readonly [infer First, ...infer Rest]
  ? (keyof First & Seen) | SharedKeys<Rest, Seen | keyof First>
  : never;
type None<Keys extends never> = Keys;
/** Two features with the same key would not be an error above: the later one would silently win. */
type _NoSharedKeys = None<
  SharedKeys<
    [
      typeof welcomeTexts.nl,
      typeof statusCardTexts.nl,
      typeof errorTexts.nl,
      typeof historyTexts.nl,
      typeof summaryTexts.nl,
      typeof documentTexts.nl,
      typeof houseTemplateTexts.nl,
      typeof registerTexts.nl,
      typeof roundTexts.nl,
      typeof roundChoiceTexts.nl,
      typeof digestTexts.nl,
      typeof reviewTexts.nl,
      typeof chartTexts.nl,
    ]
  >
>;

export const TEXTS: Record<Language, Texts> = { nl, en };
