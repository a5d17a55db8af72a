import type { Contact, Project } from '../../src/domain/model';
import type { Repositories } from '../../src/domain/repositories';

/**
 * Stores `count` owners (`owner-<i>`) of 2021 projects, one each unless `projectsOf(i)` says
 * how many, and a contact for each owner whose 1:1 conversation is `conversation-<i>` at
 * `serviceUrl`: the register and the chat addresses of a large fan-out, for tests that send to
 * many people at once. With one project each, project `i + 1` is owner `i`'s.
 */
export async function seedManyOwners(
  repositories: Repositories,
  count: number,
  serviceUrl = 'http://127.0.0.1:9/',
  projectsOf: (owner: number) => number = () => 1,
): Promise<Project[]> {
  const projects: Project[] = [];
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < projectsOf(i); p++) {
      const number = p === 0 ? String(i + 1) : `${i + 1}.${p}`;
      projects.push({
        id: `2021:${number}`,
        year: 2021,
        number,
        title: `Project ${number}`,
        speerpunt: 'Kwaliteit',
        goal: 'Doel',
        activities: 'Activiteiten',
        owners: [`owner-${i}`],
      });
    }
  }
  await repositories.projects.upsertMany(projects);
  for (let i = 0; i < count; i++) {
    const contact: Contact = {
      userId: `owner-${i}`,
      name: `Eigenaar ${i}`,
      language: 'nl',
      address: {
        channelId: 'msteams',
        serviceUrl,
        conversation: { id: `conversation-${i}`, conversationType: 'personal' },
        user: { id: `owner-${i}` },
        bot: { id: '28:bot' },
      },
      updatedAt: '2021-06-01T08:00:00.000Z',
    };
    await repositories.contacts.upsert(contact);
  }
  return projects;
}
