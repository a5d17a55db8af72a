// What `npm run screenshot` does on the Playground's page: find cards, type, press, wait, shoot.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { errors, type Locator, type Page } from 'playwright-core';
import { logger } from '../src/logger';

const log = logger.child({ module: 'screenshot' });

// The functions passed to page.evaluate run in the browser; the project compiles without the DOM
// library, so this names the one thing they read there.
declare const document: {
  readonly body: { readonly innerText: string };
  querySelectorAll(selector: string): ArrayLike<{ readonly innerText: string }>;
};

export const VIEWPORT = { width: 1280, height: 1000 };
// The top bar and the message box around the chat, plus a margin.
const PLAYGROUND_CHROME_PX = 300;
export const STEP_TIMEOUT_MS = 30_000;

/** The rendered Adaptive Card that shows this text, such as a project's title line. */
export function cardOf(page: Page, title: string): Locator {
  return page.locator('.ac-adaptiveCard').filter({ hasText: title });
}

/** The chat bubble around a card, so the screenshot shows the card's frame as in the chat. */
export function bubbleOf(page: Page, card: Locator): Locator {
  return page.locator('.fai-OutputCard').filter({ has: card });
}

export async function send(page: Page, text: string): Promise<void> {
  log.info(`typing "${text}"`);
  const box = page.locator('[contenteditable=true][role=textbox]');
  await box.click();
  await box.pressSequentially(text);
  await box.press('Enter');
}

export function field(card: Locator, label: RegExp): Locator {
  return card.getByRole('textbox', { name: label });
}

export async function type(card: Locator, label: RegExp, text: string): Promise<void> {
  const input = field(card, label);
  await input.fill(text);
  await expectValue(input, text, `the text typed at ${label.source}`);
}

/** A compact ChoiceSet is a combobox; its options open in a list outside the card. */
export async function choose(page: Page, card: Locator, label: RegExp, option: string): Promise<void> {
  const combobox = card.getByRole('combobox', { name: label });
  await combobox.click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await expectValue(combobox, option, `the choice at ${label.source}`);
}

/** An expanded ChoiceSet is a group of radio buttons. */
export async function pick(card: Locator, option: string): Promise<void> {
  const radio = card.getByRole('radio', { name: option, exact: true });
  await radio.check();
  if (!(await radio.isChecked())) throw new Error(`the choice "${option}" is not checked`);
}

export async function press(card: Locator, button: string): Promise<void> {
  log.info(`pressing "${button}"`);
  await card.getByRole('button', { name: button, exact: true }).click();
}

// Playwright's text locators also match what was typed into a textarea, so wait on the
// rendered page text instead.
export async function waitForText(page: Page, texts: readonly string[], what: string): Promise<void> {
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

export async function waitForCount(page: Page, text: string, count: number, what: string): Promise<void> {
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

/** How often the page shows this text now, to wait for one more. */
export async function countOf(page: Page, text: string): Promise<number> {
  return page.evaluate((wanted) => document.body.innerText.split(wanted).length - 1, text);
}

/** A card sent below: the last card in the chat shows every one of these texts. */
export async function waitForLastCard(page: Page, texts: readonly string[], what: string): Promise<void> {
  log.info(`waiting for ${what}`);
  try {
    await page.waitForFunction(
      (wanted) => {
        const cards = document.querySelectorAll('.ac-adaptiveCard');
        const last = cards[cards.length - 1];
        return last !== undefined && wanted.every((text) => last.innerText.includes(text));
      },
      texts,
      { timeout: STEP_TIMEOUT_MS },
    );
  } catch (error) {
    throw await timedOut(
      page,
      error,
      `${what} (${texts.map((text) => `"${text}"`).join(', ')}, in the last card)`,
    );
  }
}

export async function waitFor(locator: Locator, what: string): Promise<void> {
  try {
    await locator.waitFor({ state: 'visible' });
  } catch (error) {
    throw await timedOut(locator.page(), error, what);
  }
}

export async function expectValue(locator: Locator, expected: string, what: string): Promise<void> {
  const actual = await locator.inputValue();
  if (actual !== expected) throw new Error(`${what}: expected "${expected}", found "${actual}"`);
}

export async function timedOut(page: Page, error: unknown, what: string): Promise<Error> {
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

export async function shoot(page: Page, path: string): Promise<void> {
  // The pointer would leave a button in its hover colour where it last clicked.
  await page.mouse.move(0, 0);
  await page.screenshot({ path });
  log.info(`wrote ${path}`);
}

/**
 * The Playground puts "Your response was sent to the app" under a card that an invoke replaced,
 * right after the new card and until it is dismissed; Teams shows no such line.
 */
export async function dismissInvokeMessage(page: Page, card: Locator): Promise<void> {
  const dismiss = bubbleOf(page, card).getByRole('button', { name: 'Dismiss Invoke Message' });
  await waitFor(dismiss, "the Playground's invoke message");
  await dismiss.click();
  await dismiss.waitFor({ state: 'hidden' });
}

/**
 * Just the chat bubble of one card. The chat scrolls inside the page, under the Playground's top
 * bar, so a card taller than what the viewport shows of the chat would be cut off: the viewport
 * grows to fit it for the shot.
 */
export async function shootCard(page: Page, card: Locator, path: string): Promise<void> {
  await shootFrame(page, bubbleOf(page, card), path);
}

/** A post in a team channel, with its header (who posted it, when), grown to fit like a card. */
export async function shootChannelPost(page: Page, card: Locator, path: string): Promise<void> {
  await shootFrame(page, page.locator('.fui-Card[role=group]').filter({ has: card }), path);
}

async function shootFrame(page: Page, bubble: Locator, path: string): Promise<void> {
  await waitFor(bubble, `the card for ${path}`);
  const box = await bubble.boundingBox();
  if (!box) throw new Error(`the card for ${path} is not on the page`);
  const height = Math.max(VIEWPORT.height, Math.ceil(box.height) + PLAYGROUND_CHROME_PX);
  await page.setViewportSize({ width: VIEWPORT.width, height });
  try {
    await page.mouse.move(0, 0);
    await bubble.screenshot({ path });
    log.info(`wrote ${path}`);
  } finally {
    await page.setViewportSize(VIEWPORT);
  }
}

export async function saveFailureScreenshot(page: Page, path: string): Promise<void> {
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    await page.screenshot({ path });
    log.info(`the page at the moment of failure: ${path}`);
  } catch {
    // The browser may be what failed; the original error matters more.
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
