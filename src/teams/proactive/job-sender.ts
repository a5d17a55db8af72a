import { awaitsAnswer } from '../../domain/review';
import {
  CardFactory,
  MessageFactory,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../domain/clock';
import { REOPENED_STEP_PREFIX } from '../../domain/reminder-plan';
import type { Delivery, JobSender, SendOutcome } from '../../domain/use-cases/dispatch-due-sends';
import {
  digestCard,
  noticeCard,
  delegateFailedCard,
  notMineCard,
  reminderBundleCard,
  reminderCard,
  sentBackNoticeCard,
  statusRequestCard,
  statusStoredCard,
  weeklyDigestCard,
  type AdaptiveCard,
} from '../cards';
import { TEXTS, roundName } from '../texts';
import { createOutbound, type Outbound, type SendResult } from './outbound-queue';
import { evenlySpaced, TEAMS_RATE_LIMITS, withSafetyMargin } from './sliding-window-limiter';
import type { TeamMemberAddress } from './team-roster';

/** A job whose retries ran out is tried again by a later tick, this much later. */
const RETRY_LATER_MS = 5 * 60_000;

/**
 * The sender the scheduler uses, in the bot and in `npm run cli -- reminders now` alike: Teams'
 * rate limits with a safety margin, spaced evenly, on the real clock (rate limits are about real
 * seconds, whatever the domain clock says).
 */
export function createTeamsSender(adapter: CloudAdapter, appId: string, clock: Clock): TeamsJobSender {
  return new TeamsJobSender(
    adapter,
    appId,
    createOutbound({ clock: Date, sleep, limits: evenlySpaced(withSafetyMargin(TEAMS_RATE_LIMITS, 30)) }),
    clock,
  );
}

/**
 * Delivers send jobs into the owner's (or coordinator's) 1:1 chat, or the weekly digest as a new
 * post in a team channel, proactively through the stored conversation reference, and reports the
 * activity id so the card can be updated later.
 */
export class TeamsJobSender implements JobSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly outbound: Outbound,
    private readonly clock: Clock,
  ) {}

  async send(delivery: Delivery): Promise<SendOutcome> {
    let reference = delivery.contact.address as Partial<ConversationReference> | undefined;
    let newAddress: Record<string, unknown> | undefined;
    if (!reference) {
      const member = delivery.contact.teamMember as TeamMemberAddress | undefined;
      if (!member) return { ok: false, permanent: true, reason: 'no-contact' };
      const started = await this.outbound.send(`start:${member.userId}`, () => this.startChat(member));
      if (!started.ok) return this.failed(started);
      reference = started.value;
      newAddress = { ...started.value };
    }
    const conversationId = reference.conversation?.id ?? delivery.contact.userId;
    const card = cardFor(delivery, this.clock.now());
    const replaces = delivery.job.updatesActivityId;
    const target = reference;
    const result = await this.outbound.send(conversationId, () =>
      replaces ? this.replace(target, card, replaces) : this.post(target, card),
    );
    if (!result.ok) return this.failed(result);
    return newAddress
      ? { ok: true, activityId: result.value, newAddress }
      : { ok: true, activityId: result.value };
  }

  private failed(result: Extract<SendResult<unknown>, { ok: false }>): SendOutcome {
    if (result.permanent) return { ok: false, permanent: true, reason: result.reason };
    const retryAt = new Date(this.clock.now().getTime() + (result.retryAfterMs ?? RETRY_LATER_MS));
    return { ok: false, permanent: false, reason: result.reason, retryAt };
  }

  /**
   * Starts the 1:1 chat with a team member who never opened the app (Teams returns the existing
   * chat if there is one) and returns its address. The call goes through the connector of the
   * member's team, like any proactive message.
   */
  private async startChat(member: TeamMemberAddress): Promise<Partial<ConversationReference>> {
    const bot = { id: member.botId, name: '' };
    const viaTeam: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: member.serviceUrl,
      bot,
      conversation: {
        id: member.teamId ?? member.userId,
        isGroup: true,
        conversationType: 'channel',
        name: '',
      },
    };
    let conversationId: string | undefined;
    let failure: Error | undefined;
    await this.adapter.continueConversationAsync(this.appId, viaTeam, async (context) => {
      withoutBuiltInRetries(context, this.adapter);
      try {
        const connector = context.turnState.get<ConversationsClient | undefined>(
          this.adapter.ConnectorClientKey,
        );
        if (!connector) throw new Error('no connector client in the turn');
        const created = await connector.conversations.createConversation({
          isGroup: false,
          bot,
          members: [{ id: member.userId, name: '' }],
          tenantId: member.tenantId,
          channelData: { tenant: { id: member.tenantId } },
        });
        conversationId = created.id;
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
      }
    });
    if (failure) throw failure;
    if (!conversationId) throw new Error('Teams started a chat without an id');
    return {
      channelId: 'msteams',
      serviceUrl: member.serviceUrl,
      bot,
      user: { id: member.userId, name: '' },
      conversation: {
        id: conversationId,
        conversationType: 'personal',
        tenantId: member.tenantId,
        isGroup: false,
        name: '',
      },
    };
  }

  /** Updates a card sent earlier, in place; Teams keeps its position in the chat. */
  private async replace(
    reference: Partial<ConversationReference>,
    card: AdaptiveCard,
    activityId: string,
  ): Promise<string> {
    let failure: Error | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      withoutBuiltInRetries(context, this.adapter);
      try {
        await context.updateActivity({
          ...MessageFactory.attachment(CardFactory.adaptiveCard(card)),
          id: activityId,
        });
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
      }
    });
    if (failure) throw failure;
    return activityId;
  }

  private async post(
    reference: Partial<ConversationReference>,
    card: AdaptiveCard,
  ): Promise<string | undefined> {
    let activityId: string | undefined;
    let failure: Error | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      withoutBuiltInRetries(context, this.adapter);
      if (reference.conversation?.conversationType === 'channel') asNewPost(context);
      try {
        activityId = (await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card))))
          ?.id;
      } catch (error) {
        // Caught here, or the adapter's turn error handler would swallow it.
        failure = error instanceof Error ? error : new Error(String(error));
      }
    });
    if (failure) throw failure;
    return activityId;
  }
}

/** The card for a job, chosen by its kind; the compiler checks that every kind has one. */
function cardFor(delivery: Delivery, now: Date): AdaptiveCard {
  const { job, round, contact } = delivery;
  const language = contact.language;
  const t = TEXTS[language];
  // The recipient's own card refreshes itself when they look at it (Universal Actions).
  const user = contact.address?.['user'] as { id?: unknown } | undefined;
  const refreshFor = typeof user?.id === 'string' ? [user.id] : [];
  switch (delivery.kind) {
    case 'digest':
      return digestCard(language, round, delivery.missing, delivery.total);
    case 'reviewDigest':
      return noticeCard({
        title: t.review.dailyTitle(roundName(language, round.kind, round.year), delivery.waiting),
        text: t.review.dailyText,
      });
    case 'weekly':
      return weeklyDigestCard(language, round, delivery.progress, now);
    case 'digestStopped':
      return noticeCard({
        title: t.weeklyStoppedTitle(job.channelName ?? ''),
        text: t.weeklyStoppedText(t.reasons[job.reason ?? ''] ?? job.reason ?? ''),
        tone: 'attention',
      });
    case 'ownership':
      return notMineCard(language, round, delivery.update, job.reportedBy ?? '');
    case 'delegateFailed':
      return delegateFailedCard(language, round, delivery.update, job.delegate ?? '', job.reason ?? '');
    case 'sentBack':
      return sentBackNoticeCard(language, round, delivery.update);
    case 'answered':
      return statusStoredCard(language, round, delivery.update, { editable: true, refreshFor });
    case 'reviewed':
      // Sent back: the form again, the reviewer's comment on top; otherwise the answer as it stands.
      return awaitsAnswer(delivery.update) && round.status === 'open'
        ? statusRequestCard(language, round, delivery.update, { refreshFor })
        : statusStoredCard(language, round, delivery.update, { editable: true, refreshFor });
    case 'reminder':
      return reminderCard(
        language,
        round,
        delivery.update,
        refreshFor,
        job.stepKey.startsWith(REOPENED_STEP_PREFIX),
      );
    case 'ask':
      return statusRequestCard(language, round, delivery.update, { refreshFor });
    case 'bundle':
      return reminderBundleCard(
        language,
        [{ round, updates: delivery.updates }, ...(delivery.otherRounds ?? [])],
        {
          step: delivery.step,
          reopened: job.stepKey.startsWith(REOPENED_STEP_PREFIX),
        },
      );
  }
}

/**
 * botbuilder addresses a proactive message as a reply to the id of its own continuation event,
 * an activity Teams never saw. In a team channel the digest is a post of its own, so it is sent
 * to the channel's conversation (POST …/activities) rather than as a reply to anything.
 */
function asNewPost(context: TurnContext): void {
  context.onSendActivities((_context, activities, next) => {
    for (const activity of activities) delete activity.replyToId;
    return next();
  });
}

/** The part of botbuilder's connector client used to start a chat. */
interface ConversationsClient {
  conversations: { createConversation(parameters: ConversationParameters): Promise<{ id?: string }> };
}

interface PipelineHolder {
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown } };
}

/**
 * The connector client botbuilder builds for a turn retries 429 and 5xx by itself (the
 * @azure/core-client default pipeline), past our rate limiter and on top of our own retries.
 * There is no option to turn that off, so the policy is removed from the turn's client; if a
 * later botbuilder changes that internal shape, sends still work, only with double retries.
 */
function withoutBuiltInRetries(context: TurnContext, adapter: CloudAdapter): void {
  const connector = context.turnState.get<PipelineHolder | undefined>(adapter.ConnectorClientKey);
  connector?.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
}
