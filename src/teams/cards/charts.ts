/**
 * The data of the progress charts that `status`, `samenvatting` and the weekly digest show: a
 * donut of where the projects stand, a bar per speerpunt, and with review the review's counts.
 * The templates draw them as Teams' Chart.* elements, each with a FactSet as its `fallback` that
 * holds the same numbers, for a client that draws no charts.
 */
import type { Language } from '../../domain/model';
import type { AnswerStates, RoundProgressFigures, ReviewCounts } from '../../domain/progress';
import { TEXTS } from '../texts';

/** A slice of the donut, or a bar of the review; `count` is the value as the fallback's text. */
export interface ChartPoint {
  readonly legend: string;
  readonly value: number;
  readonly count: string;
  /** One of the chart colours Teams documents: good, warning, attention, neutral, … */
  readonly color: string;
}

export interface SpeerpuntBar {
  readonly title: string;
  readonly answered: number;
  /** Not answered: open, concept or sent back. */
  readonly rest: number;
  /** "2 van 3 beantwoord", for the fallback. */
  readonly text: string;
}

/** What a template's chart elements bind to, as `charts`. */
export interface ChartsView {
  readonly states: { readonly title: string; readonly total: number; readonly data: readonly ChartPoint[] };
  readonly speerpunten: {
    readonly title: string;
    readonly answeredLegend: string;
    readonly restLegend: string;
    readonly bars: readonly SpeerpuntBar[];
  };
  /** `show` false: a round without review, and the review chart is left out. */
  readonly review: { readonly show: boolean; readonly title: string; readonly data: readonly ChartPoint[] };
}

const STATE_COLORS: Record<keyof AnswerStates, string> = {
  answered: 'good',
  draft: 'warning',
  open: 'neutral',
  sentBack: 'attention',
};

const REVIEW_COLORS: Record<keyof ReviewCounts, string> = {
  submitted: 'warning',
  approved: 'good',
  sentBack: 'attention',
};

const point = (legend: string, value: number, color: string): ChartPoint => ({
  legend,
  value,
  count: String(value),
  color,
});

export function chartsView(language: Language, figures: RoundProgressFigures): ChartsView {
  const t = TEXTS[language];
  const { states, review } = figures;
  const order: readonly (keyof AnswerStates)[] = ['answered', 'draft', 'open', 'sentBack'];
  const reviewOrder: readonly (keyof ReviewCounts)[] = ['submitted', 'approved', 'sentBack'];
  return {
    states: {
      title: t.chart.statesTitle,
      total: order.reduce((sum, state) => sum + states[state], 0),
      data: order.map((state) => point(t.chart.states[state], states[state], STATE_COLORS[state])),
    },
    speerpunten: {
      title: t.chart.speerpuntenTitle,
      answeredLegend: t.chart.states.answered,
      restLegend: t.chart.notAnswered,
      bars: figures.speerpunten.map((bar) => ({
        title: bar.speerpunt,
        answered: bar.answered,
        rest: bar.total - bar.answered,
        text: t.chart.speerpuntValue(bar.answered, bar.total),
      })),
    },
    review: {
      show: review !== undefined,
      title: t.chart.reviewTitle,
      data: review
        ? reviewOrder.map((state) => point(t.review.state[state], review[state], REVIEW_COLORS[state]))
        : [],
    },
  };
}
