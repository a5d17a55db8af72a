import assert from 'node:assert/strict';

/** An Adaptive Card as the bot sent it: plain JSON. */
export type Card = Record<string, unknown>;

/** The card an activity carries (its first attachment), or an empty one. */
export function cardIn(activity: { attachments?: { content?: unknown }[] } | undefined): Card {
  return (activity?.attachments?.[0]?.content ?? {}) as Card;
}

/** Every Input.* element of a card, however deeply nested. */
export function inputsOf(card: Card): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const object = value as Record<string, unknown>;
      if (typeof object['type'] === 'string' && object['type'].startsWith('Input.')) found.push(object);
      Object.values(object).forEach(walk);
    }
  };
  walk(card['body']);
  return found;
}

/** The data of the card's Action.Execute with this verb (the first, or the one whose data matches). */
export function actionData(
  card: Card,
  verb: string,
  match: Record<string, unknown> = {},
): Record<string, unknown> {
  const actions = (card['actions'] ?? []) as { verb?: string; data?: Record<string, unknown> }[];
  const action = actions.find(
    (candidate) =>
      candidate.verb === verb &&
      Object.entries(match).every(([key, value]) => candidate.data?.[key] === value),
  );
  assert.ok(action?.data, `the card has no ${verb} action like ${JSON.stringify(match)}`);
  return action.data;
}

/** Every text a person reads on the card (TextBlocks, TextRuns, facts), in order, joined by newlines. */
export function visibleText(card: Card): string {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const object = value as Record<string, unknown>;
      if (
        (object['type'] === 'TextBlock' || object['type'] === 'TextRun') &&
        typeof object['text'] === 'string'
      )
        texts.push(object['text']);
      if (typeof object['title'] === 'string' && typeof object['value'] === 'string')
        texts.push(`${object['title']}: ${object['value']}`);
      Object.values(object).forEach(walk);
    }
  };
  walk(card['body']);
  return texts.join('\n');
}

/** Every Action.Execute of a card, however deeply nested (a bundle has an ActionSet per project). */
export function executeActionsOf(card: unknown): { verb: string; data: Record<string, unknown> }[] {
  const found: { verb: string; data: Record<string, unknown> }[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const object = value as Record<string, unknown>;
      if (object['type'] === 'Action.Execute' && typeof object['verb'] === 'string') {
        found.push({ verb: object['verb'], data: (object['data'] ?? {}) as Record<string, unknown> });
      }
      Object.values(object).forEach(walk);
    }
  };
  walk(card);
  return found;
}
