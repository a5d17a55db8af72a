/** The progress charts of `status`, `samenvatting` and the weekly digest, and their text fallback. */
const nl = {
  chart: {
    statesTitle: 'Stand van de projecten',
    /** The legends of the donut; the same words as the list of projects to fill in. */
    states: { answered: 'beantwoord', draft: 'concept', open: 'open', sentBack: 'teruggestuurd' },
    speerpuntenTitle: 'Beantwoord per speerpunt',
    notAnswered: 'nog niet beantwoord',
    speerpuntValue: (answered: number, total: number) => `${answered} van ${total} beantwoord`,
    reviewTitle: 'Beoordeling',
  },
};

const en: typeof nl = {
  chart: {
    statesTitle: 'Where the projects stand',
    states: { answered: 'answered', draft: 'draft', open: 'open', sentBack: 'sent back' },
    speerpuntenTitle: 'Answered per speerpunt',
    notAnswered: 'not answered yet',
    speerpuntValue: (answered: number, total: number) => `${answered} of ${total} answered`,
    reviewTitle: 'Review',
  },
};

export const chartTexts = { nl, en };
