import type { AnswerFields } from '../../domain/answer';
import type { Language } from '../../domain/model';
import { TEXTS } from '../texts';

export interface Fact {
  readonly title: string;
  readonly value: string;
}

/** An answer's structured facts besides its status: bereikt (jaarverslag) and the expected completion. */
export function answerFacts(language: Language, answer: Partial<AnswerFields> | undefined): Fact[] {
  const t = TEXTS[language];
  const facts: Fact[] = [];
  if (answer?.achieved) {
    const { achieved } = answer;
    const choice = t.achievedChoices.find((option) => option.value === achieved);
    facts.push({ title: t.achieved, value: choice?.title ?? achieved });
  }
  if (answer?.expectedCompletion) {
    const { quarter, year } = answer.expectedCompletion;
    facts.push({ title: t.expectedCompletion, value: `Q${quarter} ${year}` });
  }
  return facts;
}
