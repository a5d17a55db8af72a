import { diffArrays, diffWordsWithSpace } from 'diff';
import type { AnswerFields } from './answer';
import type { ApprovedVersion, ReviewDecision, Round, StatusUpdate } from './model';

/**
 * Where one project's answer stands in its round:
 * - `open`: nothing submitted yet;
 * - `answered`: submitted, in a round without review;
 * - `submitted` (ingediend): the latest version waits for a reviewer;
 * - `approved` (goedgekeurd): the latest version was approved;
 * - `sentBack` (teruggestuurd): the latest version was sent back, the owner is asked again.
 */
export type ReviewState = 'open' | 'answered' | 'submitted' | 'approved' | 'sentBack';

/**
 * What the review state of an update is read from: its versions, or only how many there are (a
 * list that reads the latest version only says so), and its decisions (at least the newest).
 */
export interface ReviewedUpdate {
  readonly versions?: readonly unknown[];
  readonly versionCount?: number;
  readonly decisions?: readonly ReviewDecision[];
}

/** The decision taken on a version, if any: the newest one counts. */
export function decisionOn(update: ReviewedUpdate, version: number): ReviewDecision | undefined {
  const decisions = update.decisions ?? [];
  for (let i = decisions.length - 1; i >= 0; i--) {
    if (decisions[i]?.version === version) return decisions[i];
  }
  return undefined;
}

export function reviewStateOf(update: ReviewedUpdate, round: Pick<Round, 'review'>): ReviewState {
  const latest = versionCount(update);
  if (latest === 0) return 'open';
  if (!round.review) return 'answered';
  const decision = decisionOn(update, latest);
  if (!decision) return 'submitted';
  return decision.decision === 'approved' ? 'approved' : 'sentBack';
}

/**
 * Whether the owner still owes an answer: nothing submitted, or the latest version sent back.
 * Reminders and `status` count such a project as open.
 */
export function awaitsAnswer(update: ReviewedUpdate): boolean {
  const latest = versionCount(update);
  return latest === 0 || decisionOn(update, latest)?.decision === 'sentBack';
}

/**
 * What the chapter prints for a project, and how it is flagged in a draft:
 * - `missing`: nothing to print yet (never answered, or with review: nothing approved);
 * - `newerPending`: the approved text is printed, but a newer version waits for review or was
 *   sent back;
 * - `ok`: the answer (review off) or the latest version, approved.
 */
export interface PrintableAnswer {
  readonly fields?: AnswerFields;
  readonly flag: 'ok' | 'missing' | 'notApproved' | 'newerPending';
}

export function printableAnswer(update: StatusUpdate, round: Pick<Round, 'review'>): PrintableAnswer {
  const latest = update.versions[update.versions.length - 1];
  if (!round.review) return latest ? { fields: latest, flag: 'ok' } : { flag: 'missing' };
  const approved: ApprovedVersion | undefined = update.approved;
  const count = versionCount(update);
  if (!approved) return { flag: count === 0 ? 'missing' : 'notApproved' };
  return { fields: approved, flag: approved.version === count ? 'ok' : 'newerPending' };
}

/**
 * How many versions the project has. A projection for the chapter holds only the latest version
 * and says how many there are in `versionCount`.
 */
export function versionCount(update: ReviewedUpdate): number {
  return update.versionCount ?? update.versions?.length ?? 0;
}

/** A piece of a word-level comparison: kept, added or removed text. */
export interface DiffPart {
  readonly text: string;
  readonly change: 'same' | 'added' | 'removed';
}

/** Longer texts are compared as a whole too, but never more than this (a hostile 100 kB text). */
const DIFF_LIMIT = 20_000;
/** Word and space edits beyond which two texts count as rewritten rather than edited. */
const MAX_EDITS = 250;

/**
 * What changed between two texts, word by word, so that a reviewer reads one text with the
 * changes marked instead of comparing two blobs. Runs of unchanged text stay whole.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const rewritten = (): DiffPart[] => [
    ...(before ? [{ text: before, change: 'removed' as const }] : []),
    ...(after ? [{ text: after, change: 'added' as const }] : []),
  ];
  if (before.length + after.length > DIFF_LIMIT) return rewritten();
  // A text rewritten from top to bottom costs the diff the most and tells the reviewer nothing
  // word by word: past this many edits it is shown as the old text struck through, then the new.
  const changes = diffWordsWithSpace(before, after, { maxEditLength: MAX_EDITS });
  if (!changes) return rewritten();
  const parts: DiffPart[] = changes.map((part) => ({
    text: part.value,
    change: part.added ? 'added' : part.removed ? 'removed' : 'same',
  }));
  return grouped(parts);
}

/**
 * Word by word, a rewritten phrase reads as confetti ("[is][schuift] [voorzien][naar]"). A run of
 * changes with only spaces between them reads as one: all that was removed, then all that was
 * added.
 */
function grouped(parts: readonly DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let i = 0;
  while (i < parts.length) {
    const part = parts[i];
    if (!part) break;
    if (part.change === 'same') {
      out.push(part);
      i++;
      continue;
    }
    let removed = '';
    let added = '';
    let end = i;
    // Take changes, and spaces between changes, as long as another change follows.
    for (let j = i; j < parts.length; j++) {
      const candidate = parts[j];
      if (!candidate) break;
      if (candidate.change === 'same') {
        const next = parts[j + 1];
        if (!/^\s+$/.test(candidate.text) || !next || next.change === 'same') break;
        removed += candidate.text;
        added += candidate.text;
      } else if (candidate.change === 'removed') {
        removed += candidate.text;
      } else {
        added += candidate.text;
      }
      end = j + 1;
    }
    // A space that only joined changes belongs to both sides; trimmed where a side had none.
    const hasRemoved = parts.slice(i, end).some((p) => p.change === 'removed');
    const hasAdded = parts.slice(i, end).some((p) => p.change === 'added');
    if (hasRemoved) out.push({ text: removed, change: 'removed' });
    if (hasAdded) out.push({ text: added, change: 'added' });
    i = end;
  }
  return out;
}

/** The text a new version is compared with: the version before it, else last round's answer. */
export function comparedText(
  update: StatusUpdate,
  version: number,
): { text: string; from: 'version' | 'previousRound' | 'none' } {
  const before = update.versions[version - 2];
  if (before) return { text: before.answer, from: 'version' };
  if (update.previous) return { text: update.previous.fields.answer, from: 'previousRound' };
  return { text: '', from: 'none' };
}

/** Share of words a new answer keeps from last round's, in order, to count as left unchanged. */
export const UNCHANGED_SHARE = 0.95;

/**
 * Whether an answer is last round's again, or nearly: at least 95% of the words of the longer of
 * the two the same and in the same order (a date or a figure changed still counts). Owners under
 * time pressure resubmit last year's text; the card asks whether it is still right, the reviewer
 * sees it marked and `status` counts it. Submitting is never refused for it.
 */
export function leftUnchanged(answer: string, previous: string | undefined): boolean {
  if (previous === undefined) return false;
  const before = wordsOf(previous);
  const after = wordsOf(answer);
  const longest = Math.max(before.length, after.length);
  if (before.length === 0 || after.length === 0) return false;
  // Past this many words added and removed, it cannot be 95% the same: stop counting early.
  const changes = diffArrays(before, after, {
    maxEditLength: Math.ceil(longest * (1 - UNCHANGED_SHARE) * 2) + 1,
  });
  if (!changes) return false;
  const same = changes
    .filter((part) => !part.added && !part.removed)
    .reduce((sum, part) => sum + part.count, 0);
  return same / longest >= UNCHANGED_SHARE;
}

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}
