/**
 * The Adaptive Cards the bot sends, one file per family; `import … from './cards'` finds them all
 * here. The JSON templates they fill are in the top-level `cards/` folder (see render.ts).
 */
export { answerFacts, type Fact } from './facts';
export { CARD_NAMES, renderCard, type AdaptiveCard, type CardName } from './render';
export {
  delegateFailedCard,
  helpCard,
  noticeCard,
  notMineCard,
  sentBackNoticeCard,
  suggestionCard,
  usageCard,
  welcomeCard,
  type Notice,
} from './notices';
export {
  reminderBundleCard,
  reminderCard,
  statusRequestCard,
  statusStoredCard,
  type BundleView,
  type StatusRequestDraft,
  type StoredView,
} from './status';
export {
  closeCancelledCard,
  closeQuestionCard,
  digestCard,
  roundClosedCard,
  roundOpenedCard,
  roundReopenedCard,
  roundStateCard,
  roundStatusCard,
  WEEKLY_MISSING_SHOWN,
  weeklyDigestCard,
  type RoundOpenedView,
} from './round';
export { historyCard, PROJECT_SUMMARY_TEXT, projectSummaryCard, summaryCard, toFillCard } from './summary';
export { documentCard, type DocumentLinks } from './document';
export { importResultCard, registerDraftCard } from './register';
export { otherRoundsLine, roundCommand, roundNotFoundCard, type RoundCommand } from './round-choice';
