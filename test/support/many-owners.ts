import type { Contact, Project } from '../../src/domain/model';
import type { Repositories } from '../../src/domain/repositories';

/**
 * Stores `count` projects of 2021, each with its own owner (`owner-<i>`), and a contact for
 * each owner whose 1:1 conversation is `conversation-<i>` at `serviceUrl`: the register and
 * the chat addresses of a large fan-out, for tests that send to many people at once.
 */
export async function seedManyOwners(
  repositories: Repositories,
  count: number,
  serviceUrl = 'http://127.0.0.1:9/',
): Promise<Project[]> {
  const projects: Project[] = Array.from({ length: count }, (_, i) => ({
    id: `2021:${i + 1}`,
    year: 2021,
    number: String(i + 1),
    title: `Project ${i + 1}`,
    speerpunt: 'Kwaliteit',
    goal: 'Doel',
    activities: 'Activiteiten',
    owners: [`owner-${i}`],
  }));
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
