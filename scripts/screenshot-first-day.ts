import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { amsterdamDate } from '../src/domain/clock';
import { exampleRound, spellDate } from '../src/domain/dates';
import { logger } from '../src/logger';
import {
  cardOf,
  choose,
  countOf,
  dismissInvokeMessage,
  escapeRegExp,
  expectValue,
  field,
  press,
  send,
  shootCard,
  type,
  waitFor,
  waitForLastCard,
  waitForText,
} from './screenshot-page';

/**
 * What a coordinator meets on their first day (issue 19): a text over the limit, a long answer
 * folded, a delegation to someone the bot cannot reach, the list behind a bare `invullen`, a
 * typo answered with a suggestion, their own answer waiting for another reviewer, and closing
 * and reopening a round. Each is shot as docs/screenshots/first-day-*.png.
 */

const log = logger.child({ module: 'screenshot' });

const ROUND = 'Voortgangsrapportage 2021';
const QUESTION = 'Wat is de stand van zaken?';
const ANSWER_FIELD = new RegExp(escapeRegExp(QUESTION));
const STORED = '✔ Opgeslagen';
const NOT_VALID =
  'Niet alles is goed ingevuld; zie de opmerkingen bij de velden. Er is nog niets opgeslagen.';

// 4.2.4: first an answer over the limit of 6,000 characters, then one of about 2,000.
const LONG_TITLE = '4.2.4 Borgen zaakgericht werken in de vier organisaties';
const LONG_STATUS = 'Op schema';
const LONG_PARAGRAPHS = [
  'In het eerste halfjaar is in alle vier de organisaties in kaart gebracht welke werkprocessen nog ' +
    'niet zaakgericht verlopen. Vooral de processen rond vergunningen, subsidies en bezwaarschriften ' +
    'worden nog deels op papier of in losse mappen op netwerkschijven afgehandeld. Per organisatie ' +
    'ligt er nu een plan van aanpak met een planning per proces.',
  'Ruim zeventig procent van de medewerkers van de vakafdelingen heeft de training zaakgericht ' +
    'werken afgerond; de overige trainingen staan gepland voor september en oktober. Waar nodig ' +
    'krijgen teams daarnaast begeleiding op de werkplek van een van de informatieadviseurs.',
  'De toezichthouder heeft in mei een tussentijdse toets gedaan. Het oordeel is dat de vier ' +
    'organisaties aantoonbaar voortgang boeken, maar dat het beheer van de oudere dossiers nog ' +
    'achterblijft. In het tweede halfjaar zetten we daarom extra capaciteit in om de achterstand in ' +
    'het digitaliseren en beschrijven van die dossiers weg te werken.',
  'Duo+ heeft een kennisnetwerk ingericht waarin de informatiebeheerders van de vier organisaties ' +
    'elke maand hun ervaringen uitwisselen. De zaaktypecatalogus is bijgewerkt en in de vier ' +
    'organisaties gelijkgetrokken, zodat dossiers op dezelfde manier worden gevormd en ' +
    'bewaartermijnen vanzelf worden toegekend.',
  'Voor de gemeenten die in 2022 een nieuw zaaksysteem aanbesteden, is afgesproken dat de inrichting ' +
    'aansluit op de gezamenlijke zaaktypecatalogus, zodat het werk van nu niet opnieuw hoeft te ' +
    'worden gedaan.',
  'De verwachting is dat het verzwaarde toezicht begin 2022 kan worden opgeheven, op voorwaarde dat ' +
    'de laatste processen uiterlijk in het vierde kwartaal zaakgericht worden afgehandeld en de ' +
    'achterstand in het archief is ingelopen.',
];
// Over the card's fold (1,200 characters), within the limit.
const LONG_ANSWER = LONG_PARAGRAPHS.join('\n\n');
// The same paragraphs over and over, as pasted from a long document, until past 6,500 characters.
const TOO_LONG_ANSWER = paragraphsUpTo(6_500);
const TOO_LONG = 'Te lang: maximaal 6.000 tekens.';
const SHOW_MORE = 'Meer tonen';

const DELEGATE_TO = 'j.jansen@gemeente.nl';
const DELEGATE_UNKNOWN_TITLE = `${DELEGATE_TO} is niet te bereiken`;
const DELEGATE_UNKNOWN =
  'Deze collega kent de bot nog niet, dus er kan geen kaart heen; er is niets gedelegeerd.';

// A bare `invullen`: 4.2.3 has a draft, 4.2.10 nothing yet; its button sends 4.2.10's card.
const TO_FILL_TITLE = 'Uw open projecten';
const TO_FILL_INTRO = 'Deze 2 projecten wachten op uw stand van zaken.';
const DRAFT_TITLE = '4.2.3 Integrale dienstverlening afdeling bedrijfsvoering';
const OPEN_NUMBER = '4.2.10';
const OPEN_TITLE = `${OPEN_NUMBER} Digitaal archief op orde`;

const TYPO = 'samenvattnig';
const SUGGESTION_TITLE = 'Bedoelde u samenvatting?';
const SUMMARY_TITLE = `Samenvatting ${ROUND}`;

const OWN_WAITING = 'In het jaarverslag 2021 wacht 1 antwoord dat u zelf indiende op een andere beoordelaar.';

const CLOSE_TITLE = `${ROUND} sluiten?`;
const CLOSE_COUNTS = '3 van de 4 projecten hebben een antwoord; 1 ontbreekt (4.2.10).';
const CLOSED_TITLE = `${ROUND} is gesloten`;
const REOPENED_TITLE = `${ROUND} is heropend`;
const REOPENED_WAITING = '1 van de 4 projecten heeft nog geen antwoord';

/**
 * In the voortgangsrapportage 2021, after the first answers: the too-long and the folded answer
 * (4.2.4), the delegation that cannot reach anyone, the list of open projects and the suggestion
 * for a typo. Before the jaarverslag opens, so the list and the delegation are about one round.
 */
export async function captureFirstDay(page: Page, outDir: string): Promise<void> {
  await captureTooLong(page, outDir);
  await captureFillIn(page, outDir);
  await captureDelegateUnknown(page, outDir);
  await captureDidYouMean(page, outDir);
}

async function captureTooLong(page: Page, outDir: string): Promise<void> {
  log.info(`answering ${LONG_TITLE} with ${TOO_LONG_ANSWER.length} characters`);
  const card = cardOf(page, LONG_TITLE).filter({ hasText: QUESTION });
  await choose(page, card, /Status/, LONG_STATUS);
  await type(card, ANSWER_FIELD, TOO_LONG_ANSWER);
  await press(card, 'Versturen');
  await waitForText(page, [NOT_VALID, TOO_LONG], 'the card with "te lang" at the answer');
  await expectValue(field(card, ANSWER_FIELD), TOO_LONG_ANSWER, 'the whole text, kept');
  await dismissInvokeMessage(page, card);
  await shootCard(page, card.filter({ hasText: TOO_LONG }), join(outDir, 'first-day-too-long.png'));

  log.info(`answering ${LONG_TITLE} with ${LONG_ANSWER.length} characters`);
  await type(card, ANSWER_FIELD, LONG_ANSWER);
  await press(card, 'Versturen');
  const stored = cardOf(page, LONG_TITLE).filter({ hasText: STORED });
  await waitFor(stored.getByRole('button', { name: SHOW_MORE, exact: true }), 'the long answer, folded');
  await dismissInvokeMessage(page, stored);
  await shootCard(page, stored, join(outDir, 'first-day-folded.png'));
}

async function captureFillIn(page: Page, outDir: string): Promise<void> {
  await send(page, 'invullen');
  await waitForText(page, [TO_FILL_TITLE, TO_FILL_INTRO], 'the list of open projects');
  const list = cardOf(page, TO_FILL_TITLE);
  await waitFor(list.filter({ hasText: DRAFT_TITLE }).filter({ hasText: OPEN_TITLE }), 'both projects on it');
  await shootCard(page, list, join(outDir, 'first-day-fill-in.png'));

  // The button next to 4.2.10: its card comes below, the list stays.
  const forms = cardOf(page, OPEN_TITLE).filter({ hasText: QUESTION });
  const before = await forms.count();
  log.info(`pressing "Invullen" next to ${OPEN_TITLE}`);
  // The Playground draws a ColumnSet as a plain container: the innermost one with both is the row.
  const button = page.getByRole('button', { name: 'Invullen', exact: true });
  const row = list.locator('.ac-container').filter({ hasText: OPEN_TITLE }).filter({ has: button }).last();
  await row.getByRole('button', { name: 'Invullen', exact: true }).click();
  await waitForLastCard(page, [OPEN_TITLE, QUESTION, 'Versturen'], `the card of ${OPEN_TITLE}, below`);
  await waitFor(forms.nth(before), `a second card of ${OPEN_TITLE}`);
  await dismissInvokeMessage(page, list);
}

async function captureDelegateUnknown(page: Page, outDir: string): Promise<void> {
  await send(page, `delegeer 4.2.2 aan ${DELEGATE_TO}`);
  await waitForText(page, [DELEGATE_UNKNOWN_TITLE, DELEGATE_UNKNOWN], 'the delegation refused');
  await shootCard(page, cardOf(page, DELEGATE_UNKNOWN_TITLE), join(outDir, 'first-day-delegate-unknown.png'));
}

async function captureDidYouMean(page: Page, outDir: string): Promise<void> {
  const summaries = await countOf(page, SUMMARY_TITLE);
  await send(page, TYPO);
  await waitForText(page, [SUGGESTION_TITLE], 'the suggestion');
  const suggestion = cardOf(page, SUGGESTION_TITLE);
  await shootCard(page, suggestion, join(outDir, 'first-day-did-you-mean.png'));

  await press(suggestion, 'samenvatting');
  await waitForLastCard(page, [SUMMARY_TITLE, '2 van 4 projecten beantwoord.'], 'the summary, below');
  await waitForText(page, ['U koos samenvatting.'], 'the suggestion saying which command was given');
  if ((await countOf(page, SUMMARY_TITLE)) !== summaries + 1) {
    throw new Error(`expected one more "${SUMMARY_TITLE}" on the page after pressing the suggestion`);
  }
  await dismissInvokeMessage(page, cardOf(page, 'U koos samenvatting.'));
}

/**
 * In the jaarverslag 2021, right after the Playground user submitted their own answer and before
 * the second coordinator decides on it: `beoordelen` says it waits for another reviewer.
 */
export async function captureOwnAnswerWaiting(page: Page, outDir: string): Promise<void> {
  await send(page, 'beoordelen');
  await waitForText(page, [OWN_WAITING], 'the review queue naming the own answer');
  await shootCard(page, cardOf(page, OWN_WAITING), join(outDir, 'first-day-review-waits.png'));
}

/**
 * Last, since it closes the voortgangsrapportage 2021: the question before closing, Sluiten, and
 * the round reopened with a deadline in words four weeks on.
 */
export async function captureCloseAndReopen(page: Page, outDir: string): Promise<void> {
  await send(page, 'ronde sluit voortgangsrapportage 2021');
  await waitForText(page, [CLOSE_TITLE, CLOSE_COUNTS], 'the question before closing');
  const question = cardOf(page, CLOSE_TITLE);
  await shootCard(page, question, join(outDir, 'first-day-close-question.png'));

  await press(question, 'Sluiten');
  const closed = cardOf(page, CLOSED_TITLE);
  await waitFor(closed, 'the question turned into the closed round');
  await dismissInvokeMessage(page, closed);

  // Four weeks on, on a working day, as the help card's examples; written as people write it.
  const deadline = spellDate('nl', exampleRound(amsterdamDate(new Date())).deadline);
  await send(page, `ronde heropen voortgangsrapportage 2021 tot ${deadline}`);
  await waitForText(page, [REOPENED_TITLE, REOPENED_WAITING], 'the round reopened');
  // Not the reminder that goes out at once to the owner of the project without an answer.
  const reopened = cardOf(page, REOPENED_TITLE).filter({ hasText: REOPENED_WAITING });
  await shootCard(page, reopened, join(outDir, 'first-day-reopened.png'));
}

function paragraphsUpTo(length: number): string {
  const paragraphs: string[] = [];
  while (paragraphs.join('\n\n').length < length) {
    paragraphs.push(LONG_PARAGRAPHS[paragraphs.length % LONG_PARAGRAPHS.length] ?? '');
  }
  return paragraphs.join('\n\n');
}
