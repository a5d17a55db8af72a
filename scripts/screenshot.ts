import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { amsterdamDate, type Clock } from '../src/domain/clock';
import { nextWeeklyDigestAt } from '../src/domain/reminder-plan';
import { projectIdOf, roundIdOf } from '../src/domain/model';
import { logger } from '../src/logger';
import { projectRoot } from '../src/project-root';
import { cosmosRepositories } from '../src/infrastructure/cosmos/repositories';
import { FILE_DOWNLOAD_INFO } from '../src/teams/files';
import { FileHost } from '../test/support/file-host';
import { PLAYGROUND_USER } from './local/demo-data';
import { startDevStack, type DevStack } from './local/dev-stack';
import { captureCloseAndReopen, captureFirstDay, captureOwnAnswerWaiting } from './screenshot-first-day';
import { renderAnswerSheetPicture } from './render-answer-sheet';
import {
  STEP_TIMEOUT_MS,
  VIEWPORT,
  cardOf,
  choose,
  countOf,
  dismissInvokeMessage,
  escapeRegExp,
  expectValue,
  field,
  pick,
  press,
  saveFailureScreenshot,
  send,
  shoot,
  shootCard,
  shootChannelPost,
  type,
  waitFor,
  waitForCount,
  waitForLastCard,
  waitForText,
} from './screenshot-page';

const log = logger.child({ module: 'screenshot' });

// The function passed to page.evaluate runs in the browser; the project compiles without the DOM
// library, so this names the one thing it reads there.
declare const window: object;

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// Away from the defaults of `npm run dev`, so both can run at the same time.
const BOT_PORT = 3979;
const PLAYGROUND_PORT = 56151;
const DAY_MS = 24 * 60 * 60 * 1000;

const QUESTION = 'Wat is de stand van zaken?';
const ROUND = 'Voortgangsrapportage 2021';
const PROJECT_COUNT = 4;
// The first card in natural order; its answer is the one from the 2021 report (shared/examples),
// so the screenshots show an answer that belongs to the project.
const PROJECT = '4.2.2';
const PROJECT_TITLE = `${PROJECT} Inclusief werkgeverschap`;
const STATUS = 'Op schema';
const ANSWER =
  'Recent zijn de visie en ambities op dit onderwerp bij de verschillende DUO-werkgevers, het ' +
  'bestuur van Duo+ én de colleges opgehaald. Met deze opbrengst wordt een kader vormgegeven, ' +
  'waarmee het panel, onder leiding van de teamleider PenO, aan de slag gaat. De verwachting ' +
  'is, dat het panel in het derde kwartaal van 2021 een gedragen concept-visie ter ' +
  'besluitvorming kan aanbieden.';
const DEVIATION =
  'De gesprekken met de colleges begonnen een maand later dan gepland; het panel haalt dat in ' +
  'zonder dat de oplevering verschuift.';
// Where the deviation's footnote goes: first words that are not in the answer, then words that are.
const PLACE_WRONG = 'opgehaald bij de colleges';
const PLACE = 'colleges opgehaald';
const QUARTER = 'Q3';
const YEAR = '2021';
// The second version, through "Wijzigen", so the history has two.
const ANSWER_EDITED =
  `${ANSWER} ` + 'Inmiddels is het kader gereed en heeft het panel zijn eerste bijeenkomst gehouden.';
// Another project, saved as a draft halfway through typing.
const DRAFT_TITLE = '4.2.3 Integrale dienstverlening afdeling bedrijfsvoering';
const DRAFT_STATUS = 'Vertraagd';
const DRAFT_ANSWER =
  'De nieuwe afspraken met de opdrachtgevers zijn in het voorjaar ingevoerd; de evaluatie ervan';

const ANSWER_FIELD = new RegExp(escapeRegExp(QUESTION));
const DEVIATION_FIELD = /Toelichting op een afwijking/;
const PLACE_FIELD = /De voetnoot hoort bij de woorden/;

// What the bot answers, as the cards show it (src/teams/texts/, src/domain/errors.ts).
const STORED = '✔ Opgeslagen';
const NOT_VALID =
  'Niet alles is goed ingevuld; zie de opmerkingen bij de velden. Er is nog niets opgeslagen.';
const COMPLETION_PROBLEM = 'Kies een kwartaal én een jaar, of laat beide leeg.';
const PLACE_PROBLEM = 'Deze woorden staan niet in uw antwoord.';
const DRAFT_SAVED = 'Concept opgeslagen (';

// The review step (a jaarverslag, review on by default). The Playground user is one person and
// may not review what they submitted, so a second coordinator acts over HTTP, as Teams would
// send their card presses to the bot.
const REVIEWER = {
  id: 'user-id-reviewer',
  aadObjectId: '00000000-0000-0000-0000-0000000000031',
  name: 'Bea Jansen',
};
const REVIEW_YEAR = 2021;
const REVIEW_ROUND = 'Jaarverslag 2021';
const REVIEW_QUESTION = 'Hebben we bereikt met wat we wilden gaan doen?';
const REVIEW_ANSWER_FIELD = new RegExp(escapeRegExp(REVIEW_QUESTION));
const SUBMITTED = 'Ingediend; wacht op beoordeling';
// 4.2.3 in the voortgangsrapportage, answered by the reviewer, and their jaarverslag text: the
// review card compares the two word by word.
const REVIEWED_NUMBER = '4.2.3';
const REVIEWED_PREVIOUS =
  'De nieuwe afspraken met de opdrachtgevers zijn in het voorjaar ingevoerd; de evaluatie ervan ' +
  'volgt in het najaar. De medewerkers volgen dit jaar een training in integraal werken.';
const REVIEWED_ANSWER =
  'De nieuwe afspraken met de opdrachtgevers zijn in het voorjaar ingevoerd en in het najaar ' +
  'geëvalueerd; ze blijven van kracht. Twee van de drie teams hebben de training in integraal ' +
  'werken gevolgd.';
// The Playground user's own 4.2.2, sent back once and approved the second time.
const OWN_ANSWER =
  `${ANSWER_EDITED} ` +
  'Het panel biedt de concept-visie in het eerste kwartaal van 2022 ter besluitvorming aan.';
const SENT_BACK_COMMENT = 'Licht toe waarom de concept-visie later komt dan gepland.';
const OWN_ANSWER_RESENT =
  `${OWN_ANSWER} ` +
  'De colleges wilden de visie eerst met hun ondernemingsraden bespreken; die gesprekken liepen tot december.';
const ACHIEVED = 'Deels';

/**
 * `npm run screenshot`: starts its own stack (in-memory Cosmos, bot, Agents Playground), drives
 * the Playground in headless Chromium as the demo user and writes docs/screenshots/*.png; last,
 * the answers as a sheet through LibreOffice Calc (scripts/render-answer-sheet.ts).
 */
async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found; run: apt-get update && apt-get install -y chromium`);
  }
  const root = projectRoot();
  const outDir = join(root, 'docs', 'screenshots');
  mkdirSync(outDir, { recursive: true });
  const started = Date.now();

  // Without COSMOS_ENDPOINT the stack uses its embedded store: no demo data in a real account.
  const env = { ...process.env };
  delete env['COSMOS_ENDPOINT'];
  // Files "sent" in the chat are served from here, as SharePoint would in Teams.
  const files = await new FileHost().start();
  env['FILE_DOWNLOAD_HOSTS'] = '127.0.0.1';
  // The second coordinator of the review step, next to the Playground user (startDevStack's default).
  env['COORDINATORS'] = [env['COORDINATORS'] || PLAYGROUND_USER.id, REVIEWER.aadObjectId].join(',');
  const clock = new MovableClock();
  let stack: DevStack | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  try {
    stack = await startDevStack({
      env,
      clock,
      botPort: BOT_PORT,
      cosmosPort: 0,
      playgroundPort: PLAYGROUND_PORT,
      // The reviewer's invokes are posted straight to the bot; no second window needed.
      colleaguePlaygroundPort: null,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: VIEWPORT });
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await capture(page, stack.playgroundUrl, outDir);
    await captureFirstDay(page, outDir);
    await captureFileImport(page, stack, files, outDir);
    await captureReview(page, stack, outDir);
    await captureCharts(page, stack, outDir);
    // Last: it closes the voortgangsrapportage, which the steps before answer in.
    await captureCloseAndReopen(page, outDir);
    // After everything else: it moves the clock on to the Monday the digest is due.
    await captureWeeklyDigest(page, stack, clock, outDir);
    // The answers as a sheet, as LibreOffice Calc prints it (needs no Playground).
    await renderAnswerSheetPicture(join(outDir, 'answers-sheet.png'));
    log.info({ seconds: (Date.now() - started) / 1000 }, `screenshots written to ${outDir}`);
  } catch (error) {
    if (page) await saveFailureScreenshot(page, join(root, '.local', 'screenshot-failure.png'));
    throw error;
  } finally {
    await browser?.close().catch((error: unknown) => log.warn({ err: error }, 'closing browser'));
    await stack?.stop().catch((error: unknown) => log.warn({ err: error }, 'stopping stack'));
    await files.stop();
  }
}

async function capture(page: Page, playgroundUrl: string, outDir: string): Promise<void> {
  log.info(`opening ${playgroundUrl}`);
  await page.goto(playgroundUrl);
  await waitForText(page, ['Welkom bij Stand van zaken'], 'the welcome card');
  await shoot(page, join(outDir, 'welcome.png'));

  const deadline = amsterdamDate(new Date(Date.now() + 30 * DAY_MS));
  await send(page, `ronde open voortgangsrapportage 2021 tot ${deadline}`);
  // The confirmation comes after the cards; any later bot message would empty the card inputs.
  await waitForText(
    page,
    [`${ROUND} is geopend`, `De ${PROJECT_COUNT} kaarten worden nu verstuurd.`],
    'the round-opened confirmation',
  );
  await waitForCount(page, QUESTION, PROJECT_COUNT, `${PROJECT_COUNT} status request cards`);

  const card = cardOf(page, PROJECT_TITLE);
  await shootCard(page, card, join(outDir, 'status-request-card.png'));

  // The Playground itself refuses an empty required field, so the errors shown here are ones only
  // the server checks: a quarter without a year, and a footnote placed after words that are not in
  // the answer (too long a text: screenshot-first-day.ts).
  log.info(`answering ${PROJECT_TITLE} with a quarter but no year, the footnote after words not in it`);
  await choose(page, card, /Status/, STATUS);
  await type(card, ANSWER_FIELD, ANSWER);
  await type(card, DEVIATION_FIELD, DEVIATION);
  const place = card.getByRole('textbox', { name: PLACE_FIELD }).first();
  await place.fill(PLACE_WRONG);
  await choose(page, card, /Kwartaal/, QUARTER);
  await press(card, 'Versturen');
  await waitForText(page, [NOT_VALID, COMPLETION_PROBLEM, PLACE_PROBLEM], 'the card with the field errors');
  const refused = card.filter({ hasText: COMPLETION_PROBLEM });
  await waitFor(refused, 'the error at the completion fields');
  await expectValue(field(card, ANSWER_FIELD), ANSWER, 'the kept answer');
  await expectValue(field(card, DEVIATION_FIELD), DEVIATION, 'the kept deviation');
  await expectValue(place, PLACE_WRONG, 'the kept place of the footnote');
  await expectValue(card.getByRole('combobox', { name: /Kwartaal/ }), QUARTER, 'the kept quarter');
  await dismissInvokeMessage(page, card);
  await shootCard(page, card, join(outDir, 'status-card-error.png'));

  log.info(`answering ${PROJECT_TITLE} with the year added and the footnote after words of the answer`);
  await choose(page, card, /Jaar/, YEAR);
  await place.fill(PLACE);
  await press(card, 'Versturen');
  const stored = cardOf(page, PROJECT_TITLE).filter({ hasText: STORED });
  await waitFor(
    stored.filter({ hasText: `${QUARTER} ${YEAR}` }).filter({ hasText: `Voetnoot na de woorden ‘${PLACE}’` }),
    'the answered card, with the place of its footnote',
  );
  await dismissInvokeMessage(page, stored);
  await shootCard(page, stored, join(outDir, 'answered-card.png'));

  log.info(`changing the answer of ${PROJECT_TITLE}`);
  await press(stored, 'Wijzigen');
  await waitFor(card.getByRole('button', { name: 'Versturen', exact: true }), 'the card to edit');
  await expectValue(field(card, ANSWER_FIELD), ANSWER, 'the stored answer');
  await type(card, ANSWER_FIELD, ANSWER_EDITED);
  await press(card, 'Versturen');
  await waitFor(stored.filter({ hasText: 'eerste bijeenkomst' }), 'the second version');

  log.info(`saving a draft of ${DRAFT_TITLE}`);
  const draft = cardOf(page, DRAFT_TITLE);
  await choose(page, draft, /Status/, DRAFT_STATUS);
  await type(draft, ANSWER_FIELD, DRAFT_ANSWER);
  await press(draft, 'Opslaan als concept');
  await waitForText(page, [DRAFT_SAVED], 'the draft saved');
  await expectValue(field(draft, ANSWER_FIELD), DRAFT_ANSWER, 'the kept draft');
  await dismissInvokeMessage(page, draft);
  await shootCard(page, draft, join(outDir, 'status-card-draft.png'));

  await send(page, `geschiedenis ${PROJECT}`);
  await waitForText(
    page,
    [`Geschiedenis van ${PROJECT_TITLE}`, `Versie 2: ${STATUS}`, `Versie 1: ${STATUS}`],
    'the history card',
  );
  const history = cardOf(page, `Geschiedenis van ${PROJECT_TITLE}`);
  await shootCard(page, history, join(outDir, 'history.png'));

  await send(page, 'samenvatting');
  await waitForText(
    page,
    [`Samenvatting ${ROUND}`, `1 van ${PROJECT_COUNT} projecten beantwoord`],
    'the summary card',
  );
  await shoot(page, join(outDir, 'summary.png'));
}

/**
 * A coordinator sends files in the chat: the text of an earlier report, then the register sheet
 * made from it, once incomplete and once completed. The Playground has no file picker, so the
 * message is sent as a custom activity (its "mock an activity"), as Teams would send it.
 */
async function captureFileImport(
  page: Page,
  stack: DevStack,
  files: FileHost,
  outDir: string,
): Promise<void> {
  const sendFile = async (name: string, bytes: Buffer) => {
    log.info(`sending the file ${name}`);
    const activity = await activityTemplate(stack);
    const response = await fetch(`${stack.playgroundUrl}/_internal/v1/customActivities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...activity,
        type: 'message',
        text: '',
        attachments: [
          {
            contentType: FILE_DOWNLOAD_INFO,
            name,
            content: { downloadUrl: files.put(name, bytes), uniqueId: name, fileType: name.split('.').pop() },
          },
        ],
      }),
    });
    if (!response.ok) throw new Error(`the Playground refused the custom activity: ${response.status}`);
  };

  // A published jaarverslag: its kind and year, a stretch it cannot place, answers with footnotes.
  const report = readFileSync(
    join(projectRoot(), 'test', 'fixtures', 'report', 'jaarverslag-2022-excerpt.txt'),
  );
  await sendFile('jaarverslag-2022.txt', report);
  const draftTitle = '3 projecten herkend in jaarverslag-2022.txt';
  await waitForText(page, [draftTitle, 'Dit is het jaarverslag 2022'], 'the recognised projects');
  const draft = cardOf(page, draftTitle);
  await shootCard(page, draft, join(outDir, 'register-draft.png'));

  const sheet = await downloadSheet(page, draft);
  await sendFile('registerblad.xlsx', sheet);
  const refusedTitle = 'Register niet ingelezen uit registerblad.xlsx';
  await waitForText(page, [refusedTitle, 'rij 2: eigenaar ontbreekt'], 'the problems by row');
  await shootCard(page, cardOf(page, refusedTitle), join(outDir, 'import-problems.png'));

  await sendFile('registerblad-ingevuld.xlsx', await completedSheet(sheet));
  const importedTitle = 'Register ingelezen uit registerblad-ingevuld.xlsx';
  await waitForText(
    page,
    [importedTitle, '3 nieuw', '3 gepubliceerde antwoorden uit het jaarverslag 2022 bewaard'],
    'the imported register with the published answers',
  );
  await shootCard(page, cardOf(page, importedTitle), join(outDir, 'import-result.png'));
}

/**
 * The review of answers in a jaarverslag: the review card with its word-level diff, the owner's
 * card sent back with the reviewer's comment, and the same card approved. The reviewer is a
 * second coordinator whose card presses are posted to the bot over HTTP; the Playground user
 * submits in the Playground and reviews the other coordinator's answer there.
 */
async function captureReview(page: Page, stack: DevStack, outDir: string): Promise<void> {
  const roundId = roundIdOf('jaarverslag', REVIEW_YEAR);
  const reviewed = projectIdOf(REVIEW_YEAR, REVIEWED_NUMBER);
  const own = projectIdOf(REVIEW_YEAR, PROJECT);

  // Last round's answer for 4.2.3, for the diff to compare with (the Playground user only left a
  // draft there). It also updates the Playground user's card in place: wait for that first, since
  // the chat drops what is typed into a card when it re-renders.
  log.info(`${REVIEWER.name} answers ${DRAFT_TITLE} in the ${ROUND.toLowerCase()}`);
  await reviewerPresses(stack, 'submitStatus', [STORED], {
    roundId: roundIdOf('voortgangsrapportage', REVIEW_YEAR),
    projectId: reviewed,
    baseVersion: '0',
    status: 'vertraagd',
    answer: REVIEWED_PREVIOUS,
  });
  await waitFor(
    cardOf(page, DRAFT_TITLE).filter({ hasText: STORED }).filter({ hasText: REVIEWER.name }),
    `${DRAFT_TITLE} answered by ${REVIEWER.name}`,
  );

  const deadline = amsterdamDate(new Date(Date.now() + 30 * DAY_MS));
  // The question may already be on the page (a stretch of the imported jaarverslag quotes it).
  const before = await countOf(page, REVIEW_QUESTION);
  await send(page, `ronde open jaarverslag ${REVIEW_YEAR} tot ${deadline}`);
  await waitForText(page, [`${REVIEW_ROUND} is geopend`], 'the jaarverslag opened');
  await waitForCount(page, REVIEW_QUESTION, before + PROJECT_COUNT, `${PROJECT_COUNT} jaarverslag cards`);
  const reviewedCard = reviewRoundCardOf(page, DRAFT_TITLE);
  await expectValue(field(reviewedCard, REVIEW_ANSWER_FIELD), REVIEWED_PREVIOUS, 'the pre-filled answer');

  log.info(`${REVIEWER.name} submits ${DRAFT_TITLE} in the jaarverslag`);
  await reviewerPresses(stack, 'submitStatus', [SUBMITTED], {
    roundId,
    projectId: reviewed,
    baseVersion: '0',
    status: 'op-schema',
    answer: REVIEWED_ANSWER,
    achieved: 'deels',
  });
  await waitFor(reviewedCard.filter({ hasText: SUBMITTED }), `${DRAFT_TITLE} submitted`);

  await send(page, 'beoordelen');
  await waitForText(
    page,
    [
      '1 antwoord wacht op uw beoordeling',
      `Ter beoordeling · ${REVIEW_ROUND}`,
      `Ingediend door ${REVIEWER.name}`,
      'Wijzigingen ten opzichte van de voortgangsrapportage 2021',
    ],
    'the review card',
  );
  const reviewCard = cardOf(page, 'Ter beoordeling').filter({ hasText: DRAFT_TITLE });
  await shootCard(page, reviewCard, join(outDir, 'review-card.png'));

  log.info(`submitting ${PROJECT_TITLE} in the jaarverslag`);
  const ownCard = reviewRoundCardOf(page, PROJECT_TITLE);
  await expectValue(field(ownCard, REVIEW_ANSWER_FIELD), ANSWER_EDITED, 'the pre-filled answer');
  await type(ownCard, REVIEW_ANSWER_FIELD, OWN_ANSWER);
  await pick(ownCard, ACHIEVED);
  await press(ownCard, 'Versturen');
  await waitFor(ownCard.filter({ hasText: SUBMITTED }), `${PROJECT_TITLE} submitted`);
  await dismissInvokeMessage(page, ownCard);
  await captureOwnAnswerWaiting(page, outDir);

  log.info(`${REVIEWER.name} sends ${PROJECT_TITLE} back`);
  await reviewerPresses(stack, 'reviewDecision', ['Teruggestuurd'], {
    roundId,
    projectId: own,
    version: '1',
    decision: 'sentBack',
    reviewComment: SENT_BACK_COMMENT,
  });
  const sentBack = ownCard.filter({ hasText: SENT_BACK_COMMENT });
  await waitFor(
    sentBack.getByRole('button', { name: 'Versturen', exact: true }),
    'the card sent back, to edit',
  );
  await waitForText(page, [`Teruggestuurd door ${REVIEWER.name}`], 'who sent it back');
  // The message that goes with it re-renders the chat, which empties typed inputs: wait for it
  // before typing.
  await waitForText(page, [`${PROJECT_TITLE} is teruggestuurd`], 'the message saying it was sent back');
  await expectValue(field(ownCard, REVIEW_ANSWER_FIELD), OWN_ANSWER, 'the text sent back');
  await shootCard(page, sentBack, join(outDir, 'review-sent-back.png'));

  log.info(`sending ${PROJECT_TITLE} again`);
  await type(ownCard, REVIEW_ANSWER_FIELD, OWN_ANSWER_RESENT);
  await press(ownCard, 'Versturen');
  await waitFor(
    ownCard.filter({ hasText: SUBMITTED }).filter({ hasText: 'ondernemingsraden' }),
    'the second version submitted',
  );
  await dismissInvokeMessage(page, ownCard);

  log.info(`${REVIEWER.name} approves ${PROJECT_TITLE}`);
  await reviewerPresses(stack, 'reviewDecision', ['Goedgekeurd'], {
    roundId,
    projectId: own,
    version: '2',
    decision: 'approved',
    reviewComment: '',
  });
  const approved = ownCard.filter({ hasText: `Goedgekeurd door ${REVIEWER.name}` });
  await waitFor(approved, 'the approved card');
  await shootCard(page, approved, join(outDir, 'review-approved.png'));
}

/**
 * The progress charts of `status` and `samenvatting`, of the jaarverslag the review step left
 * behind (4.2.2 approved, 4.2.3 waiting for a reviewer), with a concept saved for 4.2.4 first so
 * the donut shows one of each. Whether the Playground draws the charts or their text fallback is
 * logged; README says which the pictures show.
 */
async function captureCharts(page: Page, stack: DevStack, outDir: string): Promise<void> {
  log.info(`${REVIEWER.name} saves a concept of 4.2.4 in the jaarverslag`);
  await reviewerPresses(stack, 'saveDraft', [DRAFT_SAVED], {
    roundId: roundIdOf('jaarverslag', REVIEW_YEAR),
    projectId: projectIdOf(REVIEW_YEAR, '4.2.4'),
    status: '',
    answer: 'De archieven van twee organisaties zijn op orde; de andere twee volgen',
  });

  const shots: [string, string, string][] = [
    [`status jaarverslag ${REVIEW_YEAR}`, `Stand van de ronde: ${REVIEW_ROUND}`, 'charts-status.png'],
    [`samenvatting jaarverslag ${REVIEW_YEAR}`, `Samenvatting ${REVIEW_ROUND}`, 'charts-summary.png'],
  ];
  for (const [command, title, file] of shots) {
    await send(page, command);
    // The Playground draws no chart title; a speerpunt's bar or its fallback has the speerpunt.
    await waitForLastCard(page, [title, 'Digitalisering'], `the card of ${command}`);
    const card = cardOf(page, title).last();
    const charts = await card.locator('svg').count();
    log.info(
      charts > 0
        ? `${command}: the Playground draws the charts (${charts} svg)`
        : `${command}: the Playground shows the charts' text fallback`,
    );
    await shootCard(page, card, join(outDir, file));
  }
}

/** The wall clock, until the weekly digest step moves it on to the Monday the digest is due. */
class MovableClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  moveTo(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
}

/**
 * The weekly digest in the Playground's team channel "General": switched on there, then the clock
 * is moved on to five minutes past the first Monday 09:00 it is due and the scheduler ticks, as
 * the timer would.
 */
async function captureWeeklyDigest(
  page: Page,
  stack: DevStack,
  clock: MovableClock,
  outDir: string,
): Promise<void> {
  log.info('switching the weekly digest on in the channel General');
  await page.getByText('General', { exact: true }).first().click();
  // A channel has a box for a new post above its threads, and a reply box under each thread.
  const post = page.locator('[contenteditable=true][role=textbox]').first();
  await post.click();
  // As in Teams, a post in a channel reaches the bot only when it @mentions it.
  await post.pressSequentially('@Test');
  await page.getByRole('menuitem', { name: 'Test Bot' }).click();
  await post.pressSequentially(' weekoverzicht hier');
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await waitForText(page, ['Het weekoverzicht staat aan'], 'the weekly digest switched on');

  const now = clock.now();
  const due = (await cosmosRepositories(stack.app.store).rounds.listOpen())
    .map((round) => nextWeeklyDigestAt(round, round.reminderPlan, now))
    .filter((at) => at !== undefined)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  if (!due) throw new Error('no weekly digest is due for any open round');
  clock.moveTo(new Date(due.getTime() + 5 * 60_000));
  await stack.app.scheduler.tick();

  const title = `Weekoverzicht: ${REVIEW_ROUND}`;
  await waitForText(page, [title], 'the weekly digest in the channel');
  const card = cardOf(page, title).last();
  await waitFor(card.filter({ hasText: 'Digitalisering' }), 'the charts of the weekly digest');
  const charts = await card.locator('svg').count();
  log.info(
    charts > 0
      ? `weekly digest: the Playground draws the charts (${charts} svg)`
      : "weekly digest: the Playground shows the charts' text fallback",
  );
  await shootChannelPost(page, card, join(outDir, 'charts-weekly-digest.png'));
}

/** A card of the jaarverslag about this project, not the review card about it. */
function reviewRoundCardOf(page: Page, title: string): Locator {
  // Not the reviewer's card about it, nor the message that says it was sent back.
  return cardOf(page, title)
    .filter({ hasText: REVIEW_ROUND })
    .filter({ hasNotText: 'Ter beoordeling' })
    .filter({ hasNotText: `${title} is teruggestuurd` });
}

/**
 * The second coordinator presses a card button: the invoke Teams would send for it, posted
 * straight to the bot, in the Playground's shape (its service URL, tenant and bot) but from the
 * reviewer in their own 1:1 chat. Resolves once the card the bot answers with shows `expected`.
 */
async function reviewerPresses(
  stack: DevStack,
  verb: string,
  expected: readonly string[],
  data: Record<string, string>,
): Promise<void> {
  const template = await activityTemplate(stack);
  const conversation = template['conversation'] as Record<string, unknown>;
  const response = await fetch(`http://127.0.0.1:${stack.app.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...template,
      type: 'invoke',
      name: 'adaptiveCard/action',
      locale: 'nl-NL',
      from: { id: REVIEWER.id, name: REVIEWER.name, aadObjectId: REVIEWER.aadObjectId },
      conversation: { ...conversation, id: `personal-${REVIEWER.id}` },
      value: {
        action: { type: 'Action.Execute', verb, data: { ...data, language: 'nl' } },
        trigger: 'manual',
      },
    }),
  });
  const answer = await response.text();
  if (!response.ok || !expected.every((text) => answer.includes(text))) {
    throw new Error(`${REVIEWER.name}'s ${verb} was answered ${response.status}: ${answer.slice(0, 600)}`);
  }
}

/** An activity in the Playground user's 1:1 chat, as the Playground fills one in. */
async function activityTemplate(stack: DevStack): Promise<Record<string, unknown>> {
  const contact = await cosmosRepositories(stack.app.store).contacts.get(PLAYGROUND_USER.id);
  const conversation = (contact?.address?.['conversation'] as { id?: string } | undefined)?.id;
  if (!conversation) throw new Error('the Playground user has no 1:1 chat with the bot');
  const template = await fetch(
    `${stack.playgroundUrl}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversation)}`,
  );
  if (!template.ok) throw new Error(`no activity template from the Playground: ${template.status}`);
  return (await template.json()) as Record<string, unknown>;
}

/**
 * The register sheet behind the card's button. The Playground opens an Action.OpenUrl with
 * window.open, which a headless browser may not turn into a tab; the URL it is given is caught
 * instead and fetched, as the browser would.
 */
async function downloadSheet(page: Page, card: Locator): Promise<Buffer> {
  await page.evaluate(() => {
    const opened: string[] = [];
    Object.assign(window, {
      openedUrls: opened,
      open: (url?: string | URL) => {
        opened.push(String(url));
        return null;
      },
    });
  });
  // The Playground draws Action.OpenUrl outside the card's accessible buttons: find it by its text.
  await card.getByText('Registerblad (.xlsx)', { exact: true }).click();
  const handle = await page.waitForFunction(
    () => (window as unknown as { openedUrls: string[] }).openedUrls[0],
  );
  const url = String(await handle.jsonValue());
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the register sheet link ${url} answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/** The sheet with an owner filled in on every row, as a coordinator would in Excel. */
async function completedSheet(sheet: Buffer): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(sheet as unknown as ArrayBuffer);
  workbook.worksheets[0]?.eachRow((row, number) => {
    if (number === 1) return;
    // The owner; the year (of the round that starts from the report) is already filled in.
    row.getCell(4).value = 'alex.wilber@gemeente.example';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'npm run screenshot failed');
  process.exit(1);
});
