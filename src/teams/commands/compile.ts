import { compileReport, FinalBlocked } from '../../domain/use-cases/compile-report';
import { RoundNotFound } from '../../domain/use-cases/choose-round';
import { documentCard, noticeCard, roundNotFoundCard } from '../cards';
import { coordinatorCandidate } from '../identity';
import { TEXTS, listText, roundName } from '../texts';
import type { Command } from '../turn';

/** How many blocking projects the card names; the rest are counted. */
const BLOCKERS_SHOWN = 30;

/**
 * `voortgangsrapportage 2021` / `jaarverslag 2021` (coordinator): the draft chapter, as download
 * links (Word, Markdown, and the round's answers as a sheet); with `definitief` / `final` the final version, or, while anything is flagged, the list
 * of what blocks it; of an open round or a closed one. The chapter starts with the overview table, unless `zonder overzicht` /
 * `without overview` follows.
 */
export const compileCommand: Command = {
  name: 'compile',
  patterns: [
    /^(?:compile |stel samen )?(voortgangsrapportage|jaarverslag) (\d{4})(?: (concept|draft|definitief|final))?( zonder overzicht| without overview)?$/,
  ],
  async handle(turn, match) {
    const { deps, repositories } = turn.services;
    const by = await coordinatorCandidate(turn);
    const final = match[3] === 'definitief' || match[3] === 'final';
    const overview = match[4] === undefined;
    const t = TEXTS[turn.language];
    try {
      const { round, chapter } = await compileReport(
        { kind: match[1] ?? '', year: match[2] ?? '', mode: final ? 'final' : 'draft', overview, by },
        { ...deps, reviewers: deps },
      );
      turn.services.log.info(
        { round: round.id, answered: chapter.answered, total: chapter.total, final },
        'chapter compiled',
      );
      // The Word file is written when its link is opened, in the house template stored then.
      const template = await repositories.houseTemplates.get();
      // A coordinator reads every project: the sheet's link is for all rows.
      const links = {
        ...turn.services.documentLinks(round.id, final, overview),
        xlsx: turn.services.answerSheetLink(round.id, { scope: 'all' }).url,
      };
      await turn.reply(
        documentCard(turn.language, chapter, links, {
          final,
          ...(template ? { houseTemplate: template.fileName } : {}),
        }),
      );
    } catch (error) {
      if (error instanceof RoundNotFound) {
        await turn.reply(roundNotFoundCard(turn.language, error, 'compile'));
        return;
      }
      if (!(error instanceof FinalBlocked)) throw error;
      const { round, blockers, stuck } = error;
      turn.services.log.info({ round: round.id, blockers: blockers.length }, 'final chapter blocked');
      const shown = blockers.slice(0, BLOCKERS_SHOWN).map((blocker) => ({
        title: blocker.number,
        value: `${blocker.title}: ${t.blockerReason[blocker.flag]}`,
      }));
      const more = blockers.length - shown.length;
      await turn.reply(
        noticeCard({
          title: t.finalBlockedTitle(roundName(turn.language, round.kind, round.year)),
          text:
            t.finalBlockedText(blockers.length) +
            (more > 0 ? ` ${t.importMore(more)}` : '') +
            stuck
              .map(
                (entry) =>
                  `\n\n${t.review.stuck(listText(turn.language, entry.numbers), entry.numbers.length, entry.submitterName)}`,
              )
              .join(''),
          facts: shown,
          tone: 'attention',
        }),
      );
    }
  },
};
