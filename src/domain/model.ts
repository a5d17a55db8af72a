import type { ReminderPlan } from './reminder-plan';

/** The two kinds of reporting round in the planning & control cycle (design.md §2). */
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
  /** Entra ID object ids of the owners. */
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
  readonly closedAt?: string;
  readonly closedBy?: string;
}

export interface AnswerVersion {
  readonly status: ProjectStatus;
  readonly answer: string;
  readonly answeredAt: string;
  readonly answeredBy: string;
  readonly answeredByName: string;
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
}

/** Where and how to reach a person: the chat address is opaque to the domain. */
export interface Contact {
  readonly userId: string;
  readonly name: string;
  readonly language: Language;
  readonly address?: Readonly<Record<string, unknown>>;
  readonly updatedAt: string;
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

export function projectIdOf(year: number, number: string): string {
  return `${year}:${number}`;
}
