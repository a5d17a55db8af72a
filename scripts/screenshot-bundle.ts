import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { amsterdamDate, type Clock } from '../src/domain/clock';
import { plannedSteps } from '../src/domain/reminder-plan';
import { cosmosRepositories } from '../src/infrastructure/cosmos/repositories';
import { logger } from '../src/logger';
import { projectRoot } from '../src/project-root';
import { startDevStack, type DevStack } from './local/dev-stack';
import {
  STEP_TIMEOUT_MS,
  VIEWPORT,
  cardOf,
  choose,
  dismissInvokeMessage,
  escapeRegExp,
  press,
  saveFailureScreenshot,
  send,
  shootCard,
  type,
  waitForCount,
  waitForText,
} from './screenshot-page';

const log = logger.child({ module: 'screenshot' });

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
// Away from `npm run dev` and `npm run screenshot`, so all three can run at once.
const BOT_PORT = 3989;
const PLAYGROUND_PORT = 56161;
const DAY_MS = 24 * 60 * 60 * 1000;

const QUESTION = 'Wat is de stand van zaken?';
const ANNUAL_QUESTION = 'Hebben we bereikt met wat we wilden gaan doen?';
const PROJECT_COUNT = 4;
const DRAFT_TITLE = '4.2.3 Integrale dienstverlening afdeling bedrijfsvoering';
const BUNDLE_TITLE = `Herinnering: ${PROJECT_COUNT} projecten wachten op uw stand van zaken`;
const TWO_ROUNDS_TITLE = `Herinnering: ${2 * PROJECT_COUNT} projecten wachten op uw stand van zaken`;

/**
 * `node dist/scripts/screenshot-bundle.js`: the bundled reminder (issue 21) as the Playground
 * shows it. Opens a round for the demo user's four projects, saves a draft of one, moves the
 * bot's clock to the round's first reminder and lets the scheduler send it: one card listing the
 * four. Writes docs/screenshots/bundled-reminder.png. Then opens a second round (the jaarverslag
 * 2021, same deadline) and moves the clock to the next reminder both rounds have: one card with the
 * eight projects, per round. Writes docs/screenshots/bundled-reminder-two-rounds.png.
 */
async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found`);
  const outDir = join(projectRoot(), 'docs', 'screenshots');
  mkdirSync(outDir, { recursive: true });
  // The bot's clock: the real one until it is moved to the first reminder.
  let offsetMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };
  const env = { ...process.env };
  delete env['COSMOS_ENDPOINT'];
  let stack: DevStack | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  try {
    stack = await startDevStack({
      env,
      botPort: BOT_PORT,
      cosmosPort: 0,
      playgroundPort: PLAYGROUND_PORT,
      colleaguePlaygroundPort: null,
      clock,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: VIEWPORT });
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(stack.playgroundUrl);
    await waitForText(page, ['Welkom bij Stand van zaken'], 'the welcome card');

    const deadline = amsterdamDate(new Date(Date.now() + 30 * DAY_MS));
    await send(page, `ronde open voortgangsrapportage 2021 tot ${deadline}`);
    await waitForText(page, ['Voortgangsrapportage 2021 is geopend'], 'the round-opened confirmation');
    await waitForCount(page, QUESTION, PROJECT_COUNT, `${PROJECT_COUNT} status request cards`);

    log.info(`saving a draft of ${DRAFT_TITLE}, so the reminder shows a concept`);
    const draft = cardOf(page, DRAFT_TITLE);
    await choose(page, draft, /Status/, 'Vertraagd');
    await type(
      draft,
      new RegExp(escapeRegExp(QUESTION)),
      'De nieuwe afspraken zijn in het voorjaar ingevoerd;',
    );
    await press(draft, 'Opslaan als concept');
    await waitForText(page, ['Concept opgeslagen ('], 'the draft saved');
    await dismissInvokeMessage(page, draft);

    const round = await cosmosRepositories(stack.app.store).rounds.get('voortgangsrapportage-2021');
    const reminder =
      round && plannedSteps(round, round.reminderPlan).find((step) => step.kind === 'reminder');
    if (!reminder) throw new Error('the round has no reminder planned');
    log.info(`moving the bot's clock to the first reminder, ${reminder.at}`);
    offsetMs = new Date(reminder.at).getTime() + 60_000 - Date.now();
    await stack.app.scheduler.tick();
    await waitForText(page, [BUNDLE_TITLE, 'concept'], 'the bundled reminder');
    await shootCard(page, cardOf(page, BUNDLE_TITLE), join(outDir, 'bundled-reminder.png'));

    // A second round with the same deadline: at their next common reminder, one message for both.
    await send(page, `ronde open jaarverslag 2021 tot ${deadline}`);
    await waitForText(page, ['Jaarverslag 2021 is geopend'], 'the second round opened');
    await waitForCount(page, ANNUAL_QUESTION, PROJECT_COUNT, `${PROJECT_COUNT} jaarverslag request cards`);
    const annual = await cosmosRepositories(stack.app.store).rounds.get('jaarverslag-2021');
    const now = clock.now().toISOString();
    const annualSteps = annual ? plannedSteps(annual, annual.reminderPlan) : [];
    const common = plannedSteps(round, round.reminderPlan).find(
      (step) =>
        step.kind === 'reminder' &&
        step.at > now &&
        annualSteps.some((other) => other.kind === 'reminder' && other.at === step.at),
    );
    if (!common) throw new Error('the two rounds have no reminder at the same moment');
    log.info(`moving the bot's clock to the two rounds' next reminder, ${common.at}`);
    offsetMs = new Date(common.at).getTime() + 60_000 - Date.now();
    await stack.app.scheduler.tick();
    await waitForText(
      page,
      [TWO_ROUNDS_TITLE, 'Jaarverslag 2021: graag uiterlijk'],
      'the reminder of two rounds',
    );
    await shootCard(page, cardOf(page, TWO_ROUNDS_TITLE), join(outDir, 'bundled-reminder-two-rounds.png'));
  } catch (error) {
    if (page)
      await saveFailureScreenshot(page, join(projectRoot(), '.local', 'screenshot-bundle-failure.png'));
    throw error;
  } finally {
    await browser?.close().catch((error: unknown) => log.warn({ err: error }, 'closing browser'));
    await stack?.stop().catch((error: unknown) => log.warn({ err: error }, 'stopping stack'));
  }
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'screenshot of the bundled reminder failed');
  process.exit(1);
});
