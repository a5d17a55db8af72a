import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, errors, type Browser, type Locator, type Page } from 'playwright-core';
import { amsterdamDate } from '../src/domain/clock';
import { logger } from '../src/logger';
import { projectRoot } from '../src/project-root';
import { startDevStack, type DevStack } from './local/dev-stack';

const log = logger.child({ module: 'screenshot' });

// The functions passed to page.evaluate run in the browser; the project compiles without the DOM
// library, so this names the one thing they read there.
declare const document: { readonly body: { readonly innerText: string } };

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
const VIEWPORT = { width: 1280, height: 1000 };
const STEP_TIMEOUT_MS = 30_000;
const DAY_MS = 24 * 60 * 60 * 1000;

const QUESTION = 'Wat is de stand van zaken?';
const ROUND = 'Voortgangsrapportage 2021';
const PROJECT_COUNT = 4;
// The first card in natural order; its answer is the one from the 2021 report (shared/examples),
// so the screenshot shows an answer that belongs to the project.
const PROJECT_TITLE = '4.2.2 Inclusief werkgeverschap';
const STATUS = 'Op schema';
const ANSWER =
  'Recent zijn de visie en ambities op dit onderwerp bij de verschillende DUO-werkgevers, het ' +
  'bestuur van Duo+ én de colleges opgehaald. Met deze opbrengst wordt een kader vormgegeven, ' +
  'waarmee het panel, onder leiding van de teamleider PenO, aan de slag gaat. De verwachting ' +
  'is, dat het panel in het derde kwartaal van 2021 een gedragen concept-visie ter ' +
  'besluitvorming kan aanbieden.';

/**
 * `npm run screenshot`: starts its own stack (in-memory Cosmos, bot, Agents Playground), drives
 * the Playground in headless Chromium as the demo user and writes docs/screenshots/*.png.
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
  let stack: DevStack | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  try {
    stack = await startDevStack({
      env,
      botPort: BOT_PORT,
      cosmosPort: 0,
      playgroundPort: PLAYGROUND_PORT,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: VIEWPORT });
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await capture(page, stack.playgroundUrl, outDir);
    log.info({ seconds: (Date.now() - started) / 1000 }, `screenshots written to ${outDir}`);
  } catch (error) {
    if (page) await saveFailureScreenshot(page, join(root, '.local', 'screenshot-failure.png'));
    throw error;
  } finally {
    await browser?.close().catch((error: unknown) => log.warn({ err: error }, 'closing browser'));
    await stack?.stop().catch((error: unknown) => log.warn({ err: error }, 'stopping stack'));
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
  await shootElement(page, bubbleOf(page, card), join(outDir, 'status-request-card.png'));

  log.info(`answering ${PROJECT_TITLE}`);
  const status = card.getByRole('combobox', { name: /Status/ });
  await status.click();
  await page.getByRole('option', { name: STATUS, exact: true }).click();
  await expectValue(status, STATUS, 'the status choice');
  const answer = card.getByRole('textbox', { name: new RegExp(escapeRegExp(QUESTION)) });
  await answer.fill(ANSWER);
  await expectValue(answer, ANSWER, 'the typed answer');
  await card.getByRole('button', { name: 'Versturen', exact: true }).click();
  await waitForText(page, ['Opgeslagen'], 'the answered card');
  const answered = cardOf(page, PROJECT_TITLE);
  await waitFor(answered.filter({ hasText: 'Opgeslagen' }), 'the card replaced in place');
  await answered.scrollIntoViewIfNeeded();
  await shoot(page, join(outDir, 'answered-card.png'));

  await send(page, 'samenvatting');
  await waitForText(
    page,
    [`Samenvatting ${ROUND}`, `1 van ${PROJECT_COUNT} projecten beantwoord`],
    'the summary card',
  );
  await shoot(page, join(outDir, 'summary.png'));
}

/** The rendered Adaptive Card of one project, by its title line. */
function cardOf(page: Page, title: string): Locator {
  return page.locator('.ac-adaptiveCard').filter({ hasText: title });
}

/** The chat bubble around a card, so the screenshot shows the card's frame as in the chat. */
function bubbleOf(page: Page, card: Locator): Locator {
  return page.locator('.fai-OutputCard').filter({ has: card });
}

async function send(page: Page, text: string): Promise<void> {
  log.info(`typing "${text}"`);
  const box = page.locator('[contenteditable=true][role=textbox]');
  await box.click();
  await box.pressSequentially(text);
  await box.press('Enter');
}

// Playwright's text locators also match what was typed into a textarea, so wait on the
// rendered page text instead.
async function waitForText(page: Page, texts: readonly string[], what: string): Promise<void> {
  log.info(`waiting for ${what}`);
  try {
    await page.waitForFunction(
      (wanted) => wanted.every((text) => document.body.innerText.includes(text)),
      texts,
      { timeout: STEP_TIMEOUT_MS },
    );
  } catch (error) {
    throw await timedOut(page, error, `${what} (${texts.map((text) => `"${text}"`).join(', ')})`);
  }
}

async function waitForCount(page: Page, text: string, count: number, what: string): Promise<void> {
  log.info(`waiting for ${what}`);
  try {
    await page.waitForFunction(
      ([wanted, expected]) => document.body.innerText.split(wanted).length - 1 === expected,
      [text, count] as const,
      { timeout: STEP_TIMEOUT_MS },
    );
  } catch (error) {
    throw await timedOut(page, error, `${what} ("${text}" exactly ${count} times)`);
  }
}

async function waitFor(locator: Locator, what: string): Promise<void> {
  try {
    await locator.waitFor({ state: 'visible' });
  } catch (error) {
    throw await timedOut(locator.page(), error, what);
  }
}

async function expectValue(locator: Locator, expected: string, what: string): Promise<void> {
  const actual = await locator.inputValue();
  if (actual !== expected) throw new Error(`${what}: expected "${expected}", found "${actual}"`);
}

async function timedOut(page: Page, error: unknown, what: string): Promise<Error> {
  if (!(error instanceof errors.TimeoutError))
    return error instanceof Error ? error : new Error(String(error));
  const cards = await page
    .locator('.ac-adaptiveCard')
    .allInnerTexts()
    .catch(() => []);
  const last = cards.at(-1)?.replace(/\s+/g, ' ').slice(0, 400) ?? '(none)';
  return new Error(
    `timed out after ${STEP_TIMEOUT_MS / 1000} s waiting for ${what}; ` +
      `${cards.length} cards on the page, the last one reads: ${last}`,
  );
}

async function shoot(page: Page, path: string): Promise<void> {
  // The pointer would leave a button in its hover colour where it last clicked.
  await page.mouse.move(0, 0);
  await page.screenshot({ path });
  log.info(`wrote ${path}`);
}

async function shootElement(page: Page, locator: Locator, path: string): Promise<void> {
  await page.mouse.move(0, 0);
  await locator.screenshot({ path });
  log.info(`wrote ${path}`);
}

async function saveFailureScreenshot(page: Page, path: string): Promise<void> {
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    await page.screenshot({ path });
    log.info(`the page at the moment of failure: ${path}`);
  } catch {
    // The browser may be what failed; the original error matters more.
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'npm run screenshot failed');
  process.exit(1);
});
