import type { AnswerFields } from './answer';

/** A project as recognised in the text of an earlier report, before owners are added. */
export interface RecognisedProject {
  readonly number: string;
  readonly title: string;
  readonly speerpunt: string;
  readonly goal: string;
  readonly activities: string;
  /** The round question's answer in that report, to start the next round from. */
  readonly answer: string;
  /** 1-based line of the section's heading in the text. */
  readonly line: number;
}

/**
 * What was recognised in one report, kept (for a week) so the coordinator can download it as a
 * register sheet, add the owners and send it back as the register.
 */
export interface RegisterDraft {
  readonly id: string;
  /** The coordinator's object id. */
  readonly createdBy: string;
  readonly createdAt: string;
  /** The file it came from. */
  readonly source: string;
  readonly projects: readonly RecognisedProject[];
}

const HEADING = /^\s*(\d{1,3}(?:\.\d{1,3}){1,4})\s+(\S.{0,200})$/;
const SPEERPUNT = /^\s*Speerpunt\s+(\S.*)$/;
const QUESTIONS: readonly [RegExp, 'goal' | 'activities' | 'answer'][] = [
  [/^\s*Wat (?:willen|wilden) we bereiken\?\s*/, 'goal'],
  [/^\s*Wat (?:willen|wilden) we ervoor doen\?\s*/, 'activities'],
  [/^\s*(?:Wat is de stand van zaken\?|Hebben we bereikt met wat we wilden gaan doen\?)\s*/, 'answer'],
];

/**
 * Recognises the projects in the text of a published report (as extracted from its PDF, see
 * shared/examples): a heading "4.2.3 Title", "Speerpunt X", and the questions with their text.
 * The PDF's line breaks are undone (a word split by a hyphen is joined again); blank
 * lines become paragraph breaks. Text before the first numbered heading, which belongs to a
 * section whose heading is not in the text, is left out. Pure: the coordinator reviews the result
 * before anything is stored.
 */
export function recogniseReportText(text: string): RecognisedProject[] {
  const projects: RecognisedProject[] = [];
  let current: { -readonly [K in keyof RecognisedProject]: RecognisedProject[K] } | undefined;
  let field: 'goal' | 'activities' | 'answer' | undefined;
  let pendingSpeerpunt = '';

  const append = (value: string) => {
    if (!current || !field) return;
    const before = current[field];
    if (value === '') {
      if (before !== '' && !before.endsWith('\n\n')) current[field] = `${before}\n\n`;
      return;
    }
    // "DUO-" + "organisatie" is one word; "opdrachtgever-" + "en opdrachtnemerschap" is not.
    const hyphenated = before.endsWith('-') && !/^(?:en|of|tot)\b/.test(value);
    const glue = before === '' || before.endsWith('\n\n') || hyphenated ? '' : ' ';
    current[field] = before + glue + value;
  };

  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const heading = HEADING.exec(raw);
    if (heading && !/[.:;,]$/.test(line)) {
      if (current) projects.push(tidy(current));
      current = {
        number: heading[1] ?? '',
        title: (heading[2] ?? '').trim(),
        speerpunt: pendingSpeerpunt,
        goal: '',
        activities: '',
        answer: '',
        line: index + 1,
      };
      field = undefined;
      return;
    }
    const speerpunt = SPEERPUNT.exec(raw);
    if (speerpunt) {
      pendingSpeerpunt = (speerpunt[1] ?? '').trim();
      if (current) current.speerpunt = pendingSpeerpunt;
      return;
    }
    for (const [question, name] of QUESTIONS) {
      const match = question.exec(raw);
      if (match) {
        field = name;
        append(raw.slice(match[0].length).trim());
        return;
      }
    }
    append(line);
  });
  if (current) projects.push(tidy(current));
  return projects;
}

function tidy(project: RecognisedProject): RecognisedProject {
  return {
    ...project,
    goal: project.goal.trim(),
    activities: project.activities.trim(),
    answer: project.answer.trim(),
  };
}

/** The recognised answer as the fields a round starts from. */
export function previousAnswerOf(project: RecognisedProject): AnswerFields | undefined {
  return project.answer === '' ? undefined : { status: 'op-schema', answer: project.answer };
}
