import type { Overview } from '../domain/chapter';
import {
  ACHIEVED_SIGNALS,
  completionLabel,
  OVERVIEW_LABELS as L,
  STATUS_SIGNALS,
  type Signal,
} from '../domain/report-format';

/** An empty line (white space on it allowed) in owner text: a paragraph break, however many. */
export const PARAGRAPH_BREAK = /\n[ \t]*\n(?:[ \t]*\n)*/;

/** The owner's paragraphs; any other line break stays inside its paragraph. */
export function paragraphsOf(text: string): string[] {
  return text.split(PARAGRAPH_BREAK);
}

export interface OverviewCell {
  readonly text: string;
  /** How the value reads at a glance, for a coloured marker; the text says the same. */
  readonly signal?: Signal;
}

/**
 * The overview as the renderers lay it out: the column headings, and per project its cells in
 * words (a dash where nothing came in). A table cell is one line, so a line break in a title
 * reads as a space there.
 */
export function overviewCells(overview: Overview): {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly OverviewCell[])[];
} {
  const none: OverviewCell = { text: L.none };
  return {
    headers: [
      L.number,
      L.project,
      L.status,
      ...(overview.showAchieved ? [L.achieved] : []),
      L.expectedCompletion,
    ],
    rows: overview.rows.map((project) => [
      { text: project.number },
      { text: project.title.replace(/\s*\n\s*/g, ' ') },
      project.status ? { text: L.statuses[project.status], signal: STATUS_SIGNALS[project.status] } : none,
      ...(overview.showAchieved
        ? [
            project.achieved
              ? { text: L.achievedValues[project.achieved], signal: ACHIEVED_SIGNALS[project.achieved] }
              : none,
          ]
        : []),
      project.expectedCompletion ? { text: completionLabel(project.expectedCompletion) } : none,
    ]),
  };
}
