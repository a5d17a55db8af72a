import type { AnswerVersion, Project, Round, StatusUpdate } from '../../../src/domain/model';
import { DEFAULT_REMINDER_PLAN } from '../../../src/domain/reminder-plan';

export const FIXTURE_ROUND: Round = {
  id: 'voortgangsrapportage-2021',
  kind: 'voortgangsrapportage',
  year: 2021,
  deadline: '2021-07-01',
  status: 'closed',
  openedAt: '2021-06-01T08:00:00.000Z',
  openedBy: 'coordinator',
  reminderPlan: DEFAULT_REMINDER_PLAN,
};

function project(
  number: string,
  title: string,
  speerpunt: string,
  goal: string,
  activities: string,
): Project {
  return { id: `2021:${number}`, year: 2021, number, title, speerpunt, goal, activities, owners: ['owner'] };
}

function version(fields: Partial<AnswerVersion> & Pick<AnswerVersion, 'answer'>): AnswerVersion {
  return {
    status: 'op-schema',
    answeredAt: '2021-06-20T10:00:00.000Z',
    answeredBy: 'owner',
    answeredByName: 'Eigenaar',
    ...fields,
  };
}

function update(about: Project, versions: AnswerVersion[]): StatusUpdate {
  return { id: about.id, roundId: FIXTURE_ROUND.id, project: about, versions };
}

/**
 * A round of six projects in two speerpunten, given in scrambled order: answered, edited (two
 * versions), missing, with footnotes in both groups, and one answer full of markup that must
 * stay text.
 */
export const FIXTURE_UPDATES: StatusUpdate[] = [
  update(
    project(
      '4.2.10',
      'Archief op orde',
      'Kwaliteit',
      'Archieven voldoen aan de eisen van het toezicht.',
      'Achterstanden wegwerken.',
    ),
    [],
  ),
  update(
    project(
      '2',
      'Begroting meerjarig sluitend',
      'Financiën',
      'Een sluitende meerjarenbegroting.',
      'Bezuinigen.',
    ),
    [
      version({
        answer: 'De begroting 2022 is sluitend.',
        financial: 'Extra budget van € 40.000 aangevraagd voor de accountant.',
      }),
    ],
  ),
  update(
    project(
      '4.2.3',
      'Integrale dienstverlening afdeling bedrijfsvoering',
      'Kwaliteit',
      'Integrale dienstverlening afdeling Bedrijfsvoering',
      'In 2021 wordt verder geïnvesteerd in het integraal werken.\nEn in de verbinding met de opdrachtgevers.',
    ),
    [
      version({ answer: 'Eerste versie.' }),
      version({
        status: 'vertraagd',
        answer:
          'Deze ontwikkeling loopt mee in het Programma Integrale Dienstverlening.\n\nDe oplevering is nu voorzien in het tweede kwartaal van 2022.',
        deviation: 'Oorspronkelijk gepland voor eind 2021; de aanbesteding liep vertraging op.',
        // Mid-sentence: the footnote follows these words, not the end of the answer.
        deviationAt: 'nu voorzien',
        answeredAt: '2021-06-25T10:00:00.000Z',
      }),
    ],
  ),
  update(
    project(
      '4.2.2',
      'Inclusief werkgeverschap',
      'Kwaliteit',
      'Een gedragen visie op inclusief werkgeverschap.',
      'Een panel haalt de visie op.',
    ),
    [
      version({
        answer:
          '# Geen kop\n- geen lijst\n1. geen opsomming\n> geen citaat\n**niet vet** <b>geen html</b> ${geen.template} [geen](link) | geen | tabel',
      }),
    ],
  ),
  update(
    project(
      '10',
      'Digitale dienstverlening',
      'Financiën',
      'Meer zaken online.',
      'Formulieren digitaliseren.',
    ),
    [
      version({
        status: 'on-hold',
        answer: 'Stilgelegd tot de nieuwe leverancier er is.',
        deviation: 'On hold sinds mei.',
        deviationAt: 'Stilgelegd',
        financial: 'Geen extra kosten.',
      }),
    ],
  ),
];
