/** Welcome, help, and the plain notice card, with the notices built on it. */
import type { Language, Round, StatusUpdate } from '../../domain/model';
import { decisionOn } from '../../domain/review';
import { VERSION } from '../../version';
import { TEXTS, examplesOn, roundPhrase, type Texts } from '../texts';
import { renderCard, type AdaptiveCard } from './render';

export function welcomeCard(language: Language): AdaptiveCard {
  const t = TEXTS[language];
  return renderCard('welcome', {
    title: t.welcomeTitle,
    intro: t.welcomeIntro,
    how: t.welcomeHow,
    helpHint: t.welcomeHelp,
  });
}

/** Every command, with examples of this day: a deadline the bot would accept if typed now. */
export function helpCard(language: Language, now: Date): AdaptiveCard {
  const t = TEXTS[language];
  return renderCard('help', {
    title: t.helpTitle,
    intro: t.helpIntro,
    commands: t.commands(examplesOn(language, now)),
    version: t.helpVersion(VERSION),
  });
}

/**
 * How a command is typed, when it was typed without what it needs. Not a refusal: nothing was
 * wrong but the form. Where the command takes a project number, the person's own projects.
 */
export function usageCard(
  language: Language,
  command: keyof Texts['commandWords'],
  hint: string,
  ownProjects: readonly string[] = [],
): AdaptiveCard {
  const t = TEXTS[language];
  const projects = ownProjects.length > 0 ? ` ${t.yourProjects(ownProjects)}` : '';
  return noticeCard({ title: t.usageTitle(t.commandWords[command]), text: hint + projects });
}

/**
 * "Bedoelde u **samenvatting**?": the command a typo most likely meant, with a button that runs
 * it as if it had been typed. `text` says more where the command was not misspelt but misused.
 */
export function suggestionCard(
  language: Language,
  suggestion: { readonly command: string; readonly text?: string },
): AdaptiveCard {
  const t = TEXTS[language];
  return renderCard('suggestion', {
    title: t.suggestionTitle(suggestion.command),
    text: suggestion.text ?? t.suggestionText,
    command: suggestion.command,
    language,
  });
}

export interface Notice {
  readonly title: string;
  readonly text?: string;
  readonly facts?: readonly { title: string; value: string }[];
  readonly tone?: 'default' | 'good' | 'attention';
  /** A button that turns the notice into this project's card ("Invullen"). */
  readonly fillIn?: { readonly round: Round; readonly update: StatusUpdate; readonly language: Language };
}

export function noticeCard(notice: Notice): AdaptiveCard {
  const color = { default: 'Default', good: 'Good', attention: 'Attention' }[notice.tone ?? 'default'];
  const { fillIn } = notice;
  return renderCard('notice', {
    title: notice.title,
    text: notice.text ?? '',
    facts: notice.facts ?? [],
    color,
    fillIn: fillIn
      ? {
          title: TEXTS[fillIn.language].toFillButton,
          roundId: fillIn.round.id,
          projectId: fillIn.update.id,
          language: fillIn.language,
        }
      : { title: '' },
  });
}

/**
 * The message that goes with a send-back: Teams makes no sound for a card updated in place, so
 * whoever submitted the answer hears it here, with the comment and where to change the answer.
 */
export function sentBackNoticeCard(language: Language, round: Round, update: StatusUpdate): AdaptiveCard {
  const t = TEXTS[language];
  const decision = decisionOn(update, update.versions.length);
  return noticeCard({
    title: t.review.sentBackNoticeTitle(`${update.project.number} ${update.project.title}`),
    text: t.review.sentBackNoticeText(
      decision?.byName ?? '',
      decision?.comment ?? '',
      roundPhrase(language, round.kind, round.year),
    ),
    tone: 'attention',
    fillIn: { round, update, language },
  });
}

/**
 * Tells whoever delegated a project that the card could not reach the colleague (blocked the
 * bot, left the organisation), with a button to answer it themselves.
 */
export function delegateFailedCard(
  language: Language,
  round: Round,
  update: StatusUpdate,
  delegate: string,
  reason: string,
): AdaptiveCard {
  const t = TEXTS[language];
  return noticeCard({
    title: t.delegateFailedTitle(`${update.project.number} ${update.project.title}`, delegate),
    text: t.delegateFailedText(t.reasons[reason] ?? reason, roundPhrase(language, round.kind, round.year)),
    tone: 'attention',
    fillIn: { round, update, language },
  });
}

/** Tells the coordinator that an owner says a project is not theirs. */
export function notMineCard(
  language: Language,
  round: Round,
  update: StatusUpdate,
  reportedBy: string,
): AdaptiveCard {
  const t = TEXTS[language];
  return noticeCard({
    title: t.notMineNotice(reportedBy, `${update.project.number} ${update.project.title}`),
    text: t.notMineText(roundPhrase(language, round.kind, round.year)),
    tone: 'attention',
  });
}
