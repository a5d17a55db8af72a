import assert from 'node:assert/strict';
import { DEFAULT_REMINDER_PLAN } from '../../../src/domain/reminder-plan';

import { DomainError, type ErrorCode } from '../../../src/domain/errors';
import {
  projectIdOf,
  roundIdOf,
  type AnswerVersion,
  type Person,
  type Project,
  type Round,
  type StatusUpdate,
} from '../../../src/domain/model';

export const COORDINATOR: Person = {
  id: '0b3c8f6e-2d4a-4e1b-9a7c-5f8e1d2c3b4a',
  name: 'Carla de Coördinator',
  email: 'carla@gemeenten.example',
};
export const OWNER: Person = { id: '7a1e4d2c-5b8f-4c3a-9e6d-2f0b8c7a5d13', name: 'Olaf Eigenaar' };
export const SECOND_OWNER: Person = { id: '3f2b6c1e-8d4a-4b7e-9c2f-1a5d7e9b0c41', name: 'Sanne Tweede' };
export const STRANGER: Person = { id: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a', name: 'Vera Vreemde' };

export const isCoordinator = (person: Person): boolean => person.id === COORDINATOR.id;

/** A 2021 project owned by OWNER unless the overrides say otherwise. */
export function project(number: string, overrides: Partial<Omit<Project, 'id' | 'number'>> = {}): Project {
  const year = overrides.year ?? 2021;
  return {
    year,
    title: `Project ${number}`,
    speerpunt: 'Kwaliteit',
    goal: 'Betere dienstverlening aan de gemeenten.',
    activities: 'Processen herontwerpen en medewerkers opleiden.',
    owners: [OWNER.id],
    ...overrides,
    id: projectIdOf(year, number),
    number,
  };
}

/** The open voortgangsrapportage 2021 unless the overrides say otherwise. */
export function round(overrides: Partial<Omit<Round, 'id'>> = {}): Round {
  const kind = overrides.kind ?? 'voortgangsrapportage';
  const year = overrides.year ?? 2021;
  return {
    kind,
    year,
    deadline: '2021-07-01',
    status: 'open',
    openedAt: '2021-06-01T08:00:00.000Z',
    openedBy: COORDINATOR.id,
    reminderPlan: DEFAULT_REMINDER_PLAN,
    ...overrides,
    id: roundIdOf(kind, year),
  };
}

export function statusUpdate(
  of: Round,
  about: Project,
  versions: readonly AnswerVersion[] = [],
): StatusUpdate {
  return { id: about.id, roundId: of.id, project: about, versions };
}

export function answer(text: string, overrides: Partial<AnswerVersion> = {}): AnswerVersion {
  return {
    status: 'op-schema',
    answer: text,
    answeredAt: '2021-06-10T09:00:00.000Z',
    answeredBy: OWNER.id,
    answeredByName: OWNER.name,
    ...overrides,
  };
}

/** Asserts that the promise is refused with this DomainError code, and nothing else. */
export async function assertRefused(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof DomainError, `expected a DomainError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  });
}
