import type { Contact, Project, Round, StatusUpdate } from './model';

/** A value together with the token that proves nobody changed it since it was read. */
export interface Versioned<T> {
  readonly value: T;
  readonly etag: string;
}

export interface ProjectRepository {
  /** Creates or replaces projects by id (year + number). */
  upsertMany(projects: readonly Project[]): Promise<void>;
  listByYear(year: number): Promise<Project[]>;
}

export interface RoundRepository {
  /** Returns false when a round with the same id exists already. */
  create(round: Round): Promise<boolean>;
  get(roundId: string): Promise<Round | undefined>;
  listOpen(): Promise<Round[]>;
}

export interface StatusUpdateRepository {
  createMany(updates: readonly StatusUpdate[]): Promise<void>;
  get(roundId: string, projectId: string): Promise<Versioned<StatusUpdate> | undefined>;
  /** Returns false when the stored document changed since `etag`. */
  replace(update: StatusUpdate, etag: string): Promise<boolean>;
  listByRound(roundId: string): Promise<StatusUpdate[]>;
}

export interface ContactRepository {
  get(userId: string): Promise<Contact | undefined>;
  upsert(contact: Contact): Promise<void>;
}

export interface Repositories {
  readonly projects: ProjectRepository;
  readonly rounds: RoundRepository;
  readonly statusUpdates: StatusUpdateRepository;
  readonly contacts: ContactRepository;
}
