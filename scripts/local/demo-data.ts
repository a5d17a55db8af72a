import { projectIdOf, type Contact, type Project } from '../../src/domain/model';

/** The Agents Playground's default user (Alex Wilber), who owns every demo project. */
export const PLAYGROUND_USER = {
  id: '00000000-0000-0000-0000-0000000000020',
  name: 'Alex Wilber',
  email: 'alexw@example.com',
};

/**
 * A second coordinator to play in a second Playground (one of the Playground's own mock users):
 * nobody reviews their own answer, so with Alex alone a submitted jaarverslag answer of Alex's
 * could never be approved.
 */
export const DEMO_COLLEAGUE = {
  id: '00000000-0000-0000-0000-0000000000021',
  playgroundId: 'user-id-1',
  name: 'Megan Bowen',
  givenName: 'Megan',
  surname: 'Bowen',
  email: 'meganb@example.com',
  /** The Playground's configuration with the colleague at the keyboard. */
  playgroundConfig: 'scripts/local/colleague-playground.yml',
};

const YEAR = 2021;

function project(
  number: string,
  title: string,
  speerpunt: string,
  goal: string,
  activities: string,
): Project {
  return {
    id: projectIdOf(YEAR, number),
    year: YEAR,
    number,
    title,
    speerpunt,
    goal,
    activities,
    owners: [PLAYGROUND_USER.id],
  };
}

/**
 * A handful of projects in the shape of the 2021 voortgangsrapportage (shared/examples): the
 * numbers, titles, speerpunt and texts of 4.2.3 and 4.2.4 are taken from it; the others are
 * written in the same style so that the natural order (4.2.10 after 4.2.4) shows. 4.2.10 is of
 * another speerpunt, so the progress charts of status and samenvatting draw more than one bar.
 */
export const DEMO_PROJECTS: readonly Project[] = [
  project(
    '4.2.2',
    'Inclusief werkgeverschap',
    'Kwaliteit',
    'Een gedragen visie op inclusief werkgeverschap voor de DUO-organisatie.',
    'Een panel onder leiding van de teamleider PenO haalt de visie en ambities op bij de DUO-werkgevers, het bestuur en de colleges en werkt die uit tot een concept-visie ter besluitvorming.',
  ),
  project(
    '4.2.3',
    'Integrale dienstverlening afdeling bedrijfsvoering',
    'Kwaliteit',
    'Integrale dienstverlening afdeling Bedrijfsvoering',
    'In 2020 heeft de afdeling Bedrijfsvoering zich gericht op het meer integraal vormgeven van haar dienstverlening. Hierdoor zijn aanpassingen doorgevoerd in het opdrachtgever- en opdrachtnemerschap. In 2021 wordt verder geïnvesteerd in het integraal werken van de medewerkers, het meer tactisch sturen op resultaat en de verbinding met de opdrachtgevers.',
  ),
  project(
    '4.2.4',
    'Borgen zaakgericht werken in de vier organisaties',
    'Kwaliteit',
    'Borgen zaakgericht werken in de vier organisaties',
    'In 2020 vielen alle vier de organisaties onder verzwaard toezicht in het kader van IBT. Zaakgericht werken dient in 2021 volledig geborgd te zijn in de vier organisaties. Duo+ heeft hier een grote verantwoordelijkheid in kennisdeling, herindeling taken en werkprocessen om de archieven op orde te krijgen. In 2021 zorgen we dat het archiefbeheer steeds beter voldoet aan de eisen die daaraan vanuit toezicht worden gesteld.',
  ),
  project(
    '4.2.10',
    'Digitaal archief op orde',
    'Digitalisering',
    'Een digitaal archief dat voldoet aan de Archiefwet.',
    'In 2021 worden de papieren dossiers van de vier organisaties gedigitaliseerd en wordt een e-depot ingericht.',
  ),
];

/** The Playground user prefers Dutch, the working language, although the Playground says en-US. */
export const DEMO_CONTACT: Contact = {
  userId: PLAYGROUND_USER.id,
  name: PLAYGROUND_USER.name,
  language: 'nl',
  updatedAt: '2021-01-01T00:00:00.000Z',
};
