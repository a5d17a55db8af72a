/** Filling a card template from the top-level `cards/` folder with data. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'adaptivecards-templating';
import { projectRoot } from '../../project-root';

export type AdaptiveCard = Record<string, unknown>;

export const CARD_NAMES = [
  'welcome',
  'help',
  'notice',
  'status-request',
  'status-stored',
  'summary',
  'project-summary',
  'history',
  'document',
  'import-result',
  'register-draft',
  'weekly-digest',
  'round-status',
  'review-request',
  'review-decided',
  'review-queue',
  'to-fill',
  'reminder-bundle',
  'round-close',
  'suggestion',
] as const;
export type CardName = (typeof CARD_NAMES)[number];

const templates = new Map<CardName, Template>();

function template(name: CardName): Template {
  let found = templates.get(name);
  if (!found) {
    const json: unknown = JSON.parse(readFileSync(join(projectRoot(), 'cards', `${name}.json`), 'utf8'));
    found = new Template(json);
    templates.set(name, found);
  }
  return found;
}

/**
 * Binds data to a template. Data is only ever data: text in it is never evaluated. A card-level
 * property left out by its `$when` (a refresh nobody gets) is dropped rather than sent as null.
 */
export function renderCard(name: CardName, data: object): AdaptiveCard {
  const card = template(name).expand({ $root: data }) as AdaptiveCard;
  return Object.fromEntries(Object.entries(card).filter(([, value]) => value !== null));
}
