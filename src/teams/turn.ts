import type { Clock } from '../domain/clock';
import type { Language, Person } from '../domain/model';
import type { Repositories } from '../domain/repositories';
import type { ReminderPlan } from '../domain/reminder-plan';
import type { RegisterReader } from '../domain/use-cases/import-register';
import type { ChannelToPostIn } from '../domain/use-cases/weekly-digest';
import type { Logger } from '../logger';
import type { SheetReader } from '../report/signed-links';
import type { AdaptiveCard, DocumentLinks } from './cards';

/**
 * What the use cases are handed from a turn: the store's repositories, the clock and the role
 * checks, built once per bot (not once per handler).
 */
export type UseCaseDeps = Repositories & {
  readonly clock: Clock;
  readonly isCoordinator: (person: Person) => boolean;
  /** The coordinators as configured (object ids, e-mail addresses), lower case. */
  readonly coordinators: readonly string[];
  readonly mayReadAll: (person: Person) => boolean;
  readonly speerpuntReviewers: ReadonlyMap<string, readonly string[]>;
  readonly reminderPlan: ReminderPlan;
  readonly readRegister: RegisterReader;
};

export interface BotServices {
  /** The use cases' dependencies, in one bundle. */
  readonly deps: UseCaseDeps;
  readonly repositories: Repositories;
  readonly clock: Clock;
  /** Asks the scheduler to plan and send what is due now, without waiting for it. */
  readonly sendDueMessages: () => void;
  readonly reminderPlan: ReminderPlan;
  readonly log: Logger;
  readonly defaultLanguage: Language;
  readonly isCoordinator: (person: Person) => boolean;
  /** The coordinators as configured (object ids, e-mail addresses), lower case. */
  readonly coordinators: readonly string[];
  /** Who reviews a speerpunt besides the coordinators (keys in lower case). */
  readonly speerpuntReviewers: ReadonlyMap<string, readonly string[]>;
  /** Coordinators and readers: they see every project in summaries. */
  readonly mayReadAll: (person: Person) => boolean;
  /** Whether any coordinator is configured by e-mail, so the roster must be asked. */
  readonly coordinatorsByEmail: boolean;
  /** Signed, expiring download links to a round's compiled chapter. */
  readonly documentLinks: (
    roundId: string,
    final?: boolean,
    overview?: boolean,
  ) => Omit<DocumentLinks, 'xlsx'>;
  /**
   * A signed, expiring link to a round's answers as a sheet, for everyone's rows (`all`: the
   * asker may read every project) or one person's (`own`: what they own or were delegated).
   */
  readonly answerSheetLink: (
    roundId: string,
    reader: SheetReader,
  ) => { readonly url: string; readonly expiresAt: Date };
  /** A signed, expiring link to a register draft as a sheet to fill in. */
  readonly registerSheetLink: (draftId: string) => { readonly url: string; readonly expiresAt: Date };
  /**
   * Fetches a file a user sent, within the download policy (allowed hosts, size, time); a refusal
   * says why (`host-not-allowed`, `too-large`, `timeout` …).
   */
  readonly downloadFile: (url: string, maxBytes: number) => Promise<Download>;
  /** Reads a register file's rows (.csv, .xlsx). */
  readonly readRegister: RegisterReader;
  /** Whether people of this Entra tenant may use the bot (the tenant allow-list). */
  readonly tenantAllowed: (tenantId: string | undefined) => boolean;
  /** A new unguessable id (register drafts). */
  readonly newId: () => string;
}

export type Download =
  { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly reason: string };

/**
 * Everything a handler needs about the turn it handles, and the replies it sends: no SDK type in
 * sight (teams-turn.ts makes one from botbuilder's TurnContext).
 */
export interface Turn {
  readonly person: Person;
  readonly language: Language;
  readonly services: BotServices;
  /** Where the activity came from: `personal` (the 1:1 chat), `channel`, `groupChat`. */
  readonly conversationType: string;
  /** The chat's own id of the person (Teams' `29:…`): a card refreshes for them by it. */
  readonly chatUserId: string;
  /** The activity a pressed card was sent in, when the chat says. */
  readonly replyToId: string | undefined;
  /** The message's text, without the mention of the bot. */
  text(): string;
  /** The message's attachments, as they came off the wire. */
  readonly attachments: unknown;
  /** The team channel the message was posted in, or undefined outside a channel. */
  channel(): ChannelToPostIn | undefined;
  /** Sends cards as replies, in this order. */
  reply(...cards: AdaptiveCard[]): Promise<void>;
  /** The person's e-mail (UPN) as the chat's roster gives it; may fail. */
  lookUpEmail(): Promise<string | undefined>;
}

/** A typed command: the first pattern that matches the normalised text wins. */
export interface Command {
  readonly name: string;
  readonly patterns: readonly RegExp[];
  handle(turn: Turn, match: RegExpMatchArray): Promise<void>;
}

/** Finds the command a normalised text asks for: routes.ts's findCommand, handed to whoever needs it. */
export type CommandFinder = (text: string) => { command: Command; match: RegExpMatchArray } | undefined;

/** An Action.Execute verb; its handler returns the card that replaces the one pressed. */
export interface CardAction {
  readonly verb: string;
  handle(turn: Turn, data: Readonly<Record<string, unknown>>): Promise<AdaptiveCard>;
}
