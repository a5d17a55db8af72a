import { TurnContext } from 'botbuilder';
import {
  startWeeklyDigest,
  stopWeeklyDigest,
  type ChannelToPostIn,
} from '../../domain/use-cases/weekly-digest';
import { noticeCard } from '../cards';
import { coordinatorCandidate } from '../identity';
import { replyWithCard } from '../reply';
import { TEXTS, formatWeekdayTime } from '../texts';
import type { Command } from '../turn';

const OFF = new Set(['uit', 'off', 'stop']);

/**
 * `@Stand van zaken weekoverzicht hier` in a team channel: a coordinator has the progress of the
 * open round posted there every Monday morning; `weekoverzicht uit` stops it.
 */
export const weeklyDigestCommand: Command = {
  name: 'weekly-digest',
  patterns: [
    /^(?:weekoverzicht|weekly digest) (hier|here|aan|on|uit|off|stop)$/,
    /^(?:weekoverzicht|weekly digest)\b.*$/,
  ],
  async handle(turn, match) {
    const t = TEXTS[turn.language];
    const channel = channelOf(turn.context);
    if (!channel) {
      await replyWithCard(turn.context, noticeCard({ title: t.weeklyChannelOnly }));
      return;
    }
    const setting = match[1];
    if (setting === undefined) {
      await replyWithCard(turn.context, noticeCard({ title: t.weeklyUsage }));
      return;
    }
    const { deps, log } = turn.services;
    const by = await coordinatorCandidate(turn);
    if (OFF.has(setting)) {
      const stopped = await stopWeeklyDigest({ by, channelId: channel.id }, deps);
      log.info({ channel: channel.id, stopped }, 'weekly digest switched off');
      await replyWithCard(
        turn.context,
        stopped
          ? noticeCard({ title: t.weeklyOffTitle, text: t.weeklyOffText, tone: 'good' })
          : noticeCard({ title: t.weeklyWasOffTitle, text: t.weeklyWasOffText }),
      );
      return;
    }
    const started = await startWeeklyDigest({ by, channel, language: turn.language }, deps);
    log.info({ channel: channel.id, added: started.added }, 'weekly digest switched on');
    const first = started.firstAt && formatWeekdayTime(turn.language, started.firstAt.toISOString());
    await replyWithCard(
      turn.context,
      noticeCard({
        title: started.added ? t.weeklyOnTitle : t.weeklyAlreadyOnTitle,
        text: t.weeklyOnText(first),
        tone: 'good',
      }),
    );
  },
};

/**
 * The team channel a message was typed in, as a place to post to; undefined in a 1:1 or group
 * chat. A message in a channel belongs to a thread (`19:…@thread.tacv2;messageid=…`): the
 * address keeps the channel's own id instead, so every digest is a new post in the channel and
 * the channel is the same target whichever thread the command was typed in.
 */
function channelOf(context: TurnContext): ChannelToPostIn | undefined {
  const { activity } = context;
  if (activity.conversation.conversationType !== 'channel') return undefined;
  const data = activity.channelData as
    { team?: { name?: unknown }; channel?: { id?: unknown; name?: unknown } } | undefined;
  const id = text(data?.channel?.id) || (text(activity.conversation.id).split(';')[0] ?? '');
  if (!id) return undefined;
  const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(activity);
  return {
    id,
    name: [text(data?.team?.name), text(data?.channel?.name)].filter((part) => part !== '').join(' › '),
    address: { ...reference, conversation: { ...reference.conversation, id } },
  };
}

/** Activities come off the wire: a field typed string may still be missing or something else. */
function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
