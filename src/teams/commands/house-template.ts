import { currentHouseTemplate, removeHouseTemplate } from '../../domain/use-cases/house-template';
import { noticeCard } from '../cards';
import { coordinatorCandidate } from '../identity';
import { formatDateTime, TEXTS } from '../texts';
import type { Command } from '../turn';

/**
 * `huisstijl` / `template` (coordinator): which house template the chapter uses;
 * `huisstijl verwijderen` / `remove template`: none any more, the plain styles again. Setting
 * one is sending the file (src/teams/files.ts).
 */
export const houseTemplateCommand: Command = {
  name: 'house-template',
  patterns: [
    /^(?:huisstijl|huisstijlsjabloon|sjabloon)(?: (?:verwijderen|verwijder|weg))?$/,
    /^(?:house )?template(?: (?:remove|delete))?$/,
    /^(?:remove|delete) (?:the )?(?:house )?template$/,
  ],
  async handle(turn, match) {
    const t = TEXTS[turn.language];
    const { repositories, clock, isCoordinator } = turn.services;
    const by = await coordinatorCandidate(turn);
    const deps = { houseTemplates: repositories.houseTemplates, clock, isCoordinator };
    const remove = /\b(?:verwijder|verwijderen|weg|remove|delete)\b/.test(match[0]);
    if (remove) {
      const removed = await removeHouseTemplate({ by }, deps);
      turn.services.log.info({ removed: removed?.fileName }, 'house template removed');
      await turn.reply(
        removed
          ? noticeCard({
              title: t.templateRemovedTitle(removed.fileName),
              text: t.templateRemovedText,
              tone: 'good',
            })
          : noticeCard({ title: t.templateNoneTitle, text: t.templateNoneText }),
      );
      return;
    }
    const current = await currentHouseTemplate({ by }, deps);
    await turn.reply(
      current
        ? noticeCard({
            title: t.templateCurrentTitle(current.fileName),
            text: t.templateCurrentText(
              current.storedByName,
              formatDateTime(turn.language, current.storedAt),
            ),
          })
        : noticeCard({ title: t.templateNoneTitle, text: t.templateNoneText }),
    );
  },
};
