import type { AnswerFields, RawAnswer } from './answer';
import type { ReminderPlan } from './reminder-plan';

/** The two kinds of reporting round in the planning & control cycle (docs/report-format.md). */
export const ROUND_KINDS = ['voortgangsrapportage', 'jaarverslag'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

/** How a project is doing, as the owner chooses it on the card. */
export const PROJECT_STATUSES = ['op-schema', 'vertraagd', 'on-hold', 'afgerond', 'gestopt'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export type Language = 'nl' | 'en';

/** Someone who talks to the bot, identified by their Entra ID object id. */
export interface Person {
  readonly id: string;
  readonly name: string;
  /** Known only where the chat platform was asked for it (e-mail or UPN, lower case). */
  readonly email?: string;
}

export interface Project {
  /** `${year}:${number}`, so that the same number can recur in another year's register. */
  readonly id: string;
  readonly year: number;
  readonly number: string;
  readonly title: string;
  readonly speerpunt: string;
  readonly goal: string;
  readonly activities: string;
  /**
   * The owners: each an Entra ID object id or, as a register usually has it, an e-mail address
   * or UPN. Compared without regard to case (see `ownerMatches`).
   */
  readonly owners: readonly string[];
}

export interface Round {
  /** `${kind}-${year}`: one round per kind and year. */
  readonly id: string;
  readonly kind: RoundKind;
  readonly year: number;
  /** Calendar date (YYYY-MM-DD) in Europe/Amsterdam. */
  readonly deadline: string;
  readonly status: 'open' | 'closed';
  readonly openedAt: string;
  readonly openedBy: string;
  readonly reminderPlan: ReminderPlan;
  /** Calendar date (YYYY-MM-DD) from which owners are asked; absent: at once. */
  readonly asksFrom?: string;
  /** When and by whom the round was last closed; absent while it is open. */
  readonly closedAt?: string;
  readonly closedBy?: string;
  /**
   * Every opening, closing and reopening, oldest first; never rewritten, only appended to.
   * Absent on rounds opened before it was kept: {@link roundHistory} reads their fields instead.
   */
  readonly history?: readonly RoundEvent[];
  /**
   * Whether a reviewer approves each answer before the chapter prints it (design: on for the
   * jaarverslag, off for the voortgangsrapportage, the coordinator's choice when opening).
   * Absent on rounds opened before review existed: off.
   */
  readonly review?: boolean;
}

/** Something a coordinator did to a round: who, when, and the deadline it was (re)opened with. */
export interface RoundEvent {
  readonly action: 'opened' | 'closed' | 'reopened';
  /** Entra object id (or, from the command line, e-mail) of the coordinator. */
  readonly by: string;
  readonly byName?: string;
  readonly at: string;
  /** For `opened` and `reopened`: the deadline from then on. */
  readonly deadline?: string;
}

/**
 * What happened to a round, oldest first. A round opened before the history was kept tells its
 * opening (and its closing, if it is closed) through its own fields.
 */
export function roundHistory(round: Round): readonly RoundEvent[] {
  if (round.history) return round.history;
  const opened: RoundEvent = {
    action: 'opened',
    by: round.openedBy,
    at: round.openedAt,
    deadline: round.deadline,
  };
  return round.status === 'closed' && round.closedAt && round.closedBy
    ? [opened, { action: 'closed', by: round.closedBy, at: round.closedAt }]
    : [opened];
}

/** The reopening the round is open since; undefined while it is open since its first opening, or closed. */
export function lastReopening(round: Round): RoundEvent | undefined {
  const history = roundHistory(round);
  const last = history[history.length - 1];
  return round.status === 'open' && last?.action === 'reopened' ? last : undefined;
}

/** When the round was opened or last reopened: what a question asked about it since refers to. */
export function openSince(round: Round): string {
  return lastReopening(round)?.at ?? round.openedAt;
}

/** One submitted answer: the fields, who gave them, when, and through which card. */
export interface AnswerVersion extends AnswerFields {
  readonly answeredAt: string;
  /** Entra object id of who submitted: an owner, a delegate or a coordinator. */
  readonly answeredBy: string;
  readonly answeredByName: string;
  /** The chat activity of the card that was submitted, when the chat told us. */
  readonly viaCard?: string;
  /** The answer is last round's again, or nearly (`leftUnchanged`): the card asks if it still holds. */
  readonly unchanged?: true;
}

/** Typed into the card and kept with "Opslaan als concept", not yet submitted. */
export interface AnswerDraft {
  readonly values: RawAnswer;
  readonly savedAt: string;
  readonly savedBy: string;
  readonly savedByName: string;
}

export const REVIEW_DECISIONS = ['approved', 'sentBack'] as const;
export type ReviewDecisionKind = (typeof REVIEW_DECISIONS)[number];

/** A reviewer's decision on one version of an answer; kept for good, like the versions. */
export interface ReviewDecision {
  /** Which version (1-based) was decided on. */
  readonly version: number;
  readonly decision: ReviewDecisionKind;
  /** Why it was sent back (required then), or a note with an approval. */
  readonly comment?: string;
  readonly by: string;
  readonly byName: string;
  readonly at: string;
}

/** Someone an owner handed the project to for one round (`delegeer <nr> aan <e-mail>`). */
export interface Delegation {
  /** E-mail / UPN (lower case) or object id of the delegate. */
  readonly to: string;
  readonly by: string;
  readonly at: string;
}

/**
 * The request for one project's stand van zaken in one round, and every answer given to it.
 * The project is copied in when the round opens, so the card and the report show what the
 * owner was asked about even if the register changes later.
 */
export interface StatusUpdate {
  readonly id: string;
  readonly roundId: string;
  readonly project: Project;
  /** Newest last; never rewritten, only appended to. */
  readonly versions: readonly AnswerVersion[];
  readonly draft?: AnswerDraft;
  readonly delegations?: readonly Delegation[];
  /** The last answer for this project in the round before, to start from. */
  readonly previous?: {
    readonly roundId: string;
    readonly fields: AnswerFields;
    /**
     * Taken from the published report, not from a round in the bot: the answer and footnotes
     * only (a report prints no status or bereikt, so the card asks for them afresh).
     */
    readonly published?: true;
  };
  /** Every review decision, oldest first; never rewritten, only appended to. */
  readonly decisions?: readonly ReviewDecision[];
  /**
   * A copy of the newest approved version and its number: what the chapter prints in a round
   * with review, read without loading every version.
   */
  readonly approved?: ApprovedVersion;
  /** Present only while the latest version waits for a reviewer: its place in the review queue. */
  readonly reviewQueue?: ReviewQueueEntry;
}

/** What the review queue's query filters and sorts on, kept small and indexed. */
export interface ReviewQueueEntry {
  /**
   * `${first submission}|${id}`: the queue's order (oldest first) and its page cursor. An owner
   * who edits a waiting answer keeps their place.
   */
  readonly key: string;
  /** Who submitted the waiting version: they never see it in their own queue. */
  readonly submittedBy: string;
  /** The project's speerpunt in lower case, for reviewers of one speerpunt. */
  readonly speerpunt: string;
}

export interface ApprovedVersion extends AnswerVersion {
  readonly version: number;
}

/** Where and how to reach a person: the chat addresses are opaque to the domain. */
export interface Contact {
  /** Entra ID object id, lower case; for a team channel `channel:<channel id>` (`channelTargetId`). */
  readonly userId: string;
  readonly name: string;
  /** E-mail address or UPN, lower case, when the chat platform told us (a team roster does). */
  readonly email?: string;
  readonly language: Language;
  /** The person's 1:1 chat with the bot, once there is one. */
  readonly address?: Readonly<Record<string, unknown>>;
  /**
   * Where the person was seen as a member of a team the bot is in: enough to start the 1:1
   * chat when there is none yet.
   */
  readonly teamMember?: Readonly<Record<string, unknown>>;
  readonly updatedAt: string;
}

/** Whether the bot can send this person a message, now or after starting a 1:1 chat. */
export function isReachable(contact: Contact | undefined): boolean {
  return contact?.address !== undefined || contact?.teamMember !== undefined;
}

const CHANNEL_TARGET_PREFIX = 'channel:';

/**
 * A team channel is reached like a person, through a Contact, but under an id no person can have,
 * so it can never stand in for someone's 1:1 chat. Channel ids are compared without regard to case.
 */
export function channelTargetId(channelId: string): string {
  return `${CHANNEL_TARGET_PREFIX}${channelId.trim().toLowerCase()}`;
}

export function isChannelTarget(recipientId: string): boolean {
  return recipientId.startsWith(CHANNEL_TARGET_PREFIX);
}

/**
 * Whether an id can be a person's: the contacts store keeps channels (`channel:…`), e-mail
 * aliases (`email:…`) and the list of digest channels (`digest-channels`) beside people, so an
 * activity whose sender claims one of those ids must never be stored as a contact.
 */
export function isPersonId(id: string): boolean {
  return id !== '' && !/^(?:channel|email):/.test(id) && id !== 'digest-channels';
}

/** A team channel that gets the weekly digest of the open round (`weekoverzicht hier`). */
export interface DigestChannel {
  /** `channel:<id>`: the userId of the channel's Contact, which holds how to post there. */
  readonly channelId: string;
  /** Who switched it on, and when: only weeks that start from then on are posted. */
  readonly by: string;
  readonly since: string;
}

/** An owner reference (object id, e-mail or UPN) made comparable: trimmed, lower case. */
export function normaliseOwner(owner: string): string {
  return owner.trim().toLowerCase();
}

/** Whether an owner reference is an e-mail address or UPN rather than an object id. */
export function isEmailOwner(owner: string): boolean {
  return owner.includes('@');
}

/** Whether the register's owner reference names this person: by object id, or by e-mail / UPN. */
export function ownerMatches(owner: string, person: Person): boolean {
  const wanted = normaliseOwner(owner);
  return wanted === person.id.toLowerCase() || (person.email !== undefined && wanted === person.email);
}

export function latestVersion(update: StatusUpdate): AnswerVersion | undefined {
  return update.versions[update.versions.length - 1];
}

export function isRoundKind(value: string): value is RoundKind {
  return (ROUND_KINDS as readonly string[]).includes(value);
}

export function isProjectStatus(value: string): value is ProjectStatus {
  return (PROJECT_STATUSES as readonly string[]).includes(value);
}

export function roundIdOf(kind: RoundKind, year: number): string {
  return `${kind}-${year}`;
}

/** The inverse of {@link roundIdOf}: the kind and year of a round id, or undefined for another shape. */
export function parseRoundId(roundId: string): { kind: RoundKind; year: number } | undefined {
  const match = /^([a-z]+)-(\d{4})$/.exec(roundId);
  const kind = match?.[1];
  return kind && isRoundKind(kind) ? { kind, year: Number(match[2]) } : undefined;
}

/** A round as people name it: its kind and year ("jaarverslag 2021"). */
export interface RoundName {
  readonly kind: RoundKind;
  readonly year: number;
}

/**
 * The round named at the start of a command's words, and the words after it: "jaarverslag 2021
 * kwaliteit" is the jaarverslag 2021 and "kwaliteit". A kind without a year of four digits
 * ("jaarverslag", "jaarverslag 21") is `incomplete`: it is answered as a round asked for, never
 * mistaken for a speerpunt. Words that do not start with a kind name no round.
 */
export function roundNamedIn(words: string): {
  readonly round?: RoundName | 'incomplete';
  readonly rest: string;
} {
  const [first = '', second = '', ...others] = withKindNamed(words.trim().toLowerCase()).split(/\s+/);
  if (!isRoundKind(first)) return { rest: words.trim() };
  if (!/^\d{4}$/.test(second)) return { round: 'incomplete', rest: [second, ...others].join(' ').trim() };
  return { round: { kind: first, year: Number(second) }, rest: others.join(' ') };
}

/** What English speakers call the kinds, as the English cards name them. */
const KIND_ALIASES: readonly (readonly [RegExp, RoundKind])[] = [
  [/^annual report\b/, 'jaarverslag'],
  [/^progress report\b/, 'voortgangsrapportage'],
];

/** "annual report 2021 …" read as "jaarverslag 2021 …". */
function withKindNamed(words: string): string {
  for (const [alias, kind] of KIND_ALIASES) if (alias.test(words)) return words.replace(alias, kind);
  return words;
}

/**
 * Rounds newest first in the order of the planning & control cycle (jaarverslag 2021,
 * voortgangsrapportage 2021, jaarverslag 2020 …), not in the order they happened to be opened.
 */
export function newestInCycleFirst(a: RoundName, b: RoundName): number {
  return cycleIndex(b) - cycleIndex(a);
}

/** Position in the cycle: the voortgangsrapportage of a year comes before its jaarverslag. */
function cycleIndex(round: RoundName): number {
  return round.year * ROUND_KINDS.length + ROUND_KINDS.indexOf(round.kind);
}

/**
 * The round before one in the planning & control cycle: the jaarverslag follows the same year's
 * voortgangsrapportage, which follows the year before's jaarverslag.
 */
export function roundBefore(kind: RoundKind, year: number): { kind: RoundKind; year: number } {
  return kind === 'jaarverslag'
    ? { kind: 'voortgangsrapportage', year }
    : { kind: 'jaarverslag', year: year - 1 };
}

/** The round after one in the cycle: the one that starts from its answers. */
export function roundAfter(kind: RoundKind, year: number): { kind: RoundKind; year: number } {
  return kind === 'jaarverslag'
    ? { kind: 'voortgangsrapportage', year: year + 1 }
    : { kind: 'jaarverslag', year };
}

/**
 * Where the answers of a round published before the bot ran it are kept (imported from the
 * report with the register): apart from the bot's own round of that id, which they never mix with.
 */
export function publishedRoundIdOf(roundId: string): string {
  return `published:${roundId}`;
}

export function projectIdOf(year: number, number: string): string {
  return `${year}:${number}`;
}

/**
 * The parts of the organisation's Word template that the chapter takes on: its styles
 * (word/styles.xml), its theme (the fonts and colours the styles refer to) and the table style
 * it sets as default. What the chapter uses of them is decided where it is written
 * (src/report/house-template.ts).
 */
export interface HouseStyle {
  readonly styles: string;
  readonly theme?: string;
  readonly defaultTableStyle?: string;
}

/** The organisation's template as stored: one at a time, for the next chapter compiled. */
export interface HouseTemplate extends HouseStyle {
  /** The file it came from, and its size in bytes. */
  readonly fileName: string;
  readonly size: number;
  /** The coordinator's object id and name, and when. */
  readonly storedBy: string;
  readonly storedByName: string;
  readonly storedAt: string;
}
