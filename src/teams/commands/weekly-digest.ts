import { startWeeklyDigest, stopWeeklyDigest } from '../../domain/use-cases/weekly-digest';
import { noticeCard, usageCard } from '../cards';
import { coordinatorCandidate } from '../identity';
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
    const channel = turn.channel();
    if (!channel) {
      await turn.reply(noticeCard({ title: t.weeklyChannelOnly }));
      return;
    }
    const setting = match[1];
    if (setting === undefined) {
      await turn.reply(usageCard(turn.language, 'weeklyDigest', t.weeklyUsage));
      return;
    }
    const { deps, log } = turn.services;
    const by = await coordinatorCandidate(turn);
    if (OFF.has(setting)) {
      const stopped = await stopWeeklyDigest({ by, channelId: channel.id }, deps);
      log.info({ channel: channel.id, stopped }, 'weekly digest switched off');
      await turn.reply(
        stopped
          ? noticeCard({ title: t.weeklyOffTitle, text: t.weeklyOffText, tone: 'good' })
          : noticeCard({ title: t.weeklyWasOffTitle, text: t.weeklyWasOffText }),
      );
      return;
    }
    const started = await startWeeklyDigest({ by, channel, language: turn.language }, deps);
    log.info({ channel: channel.id, added: started.added }, 'weekly digest switched on');
    const first = started.firstAt && formatWeekdayTime(turn.language, started.firstAt.toISOString());
    await turn.reply(
      noticeCard({
        title: started.added ? t.weeklyOnTitle : t.weeklyAlreadyOnTitle,
        text: t.weeklyOnText(first),
        tone: 'good',
      }),
    );
  },
};
