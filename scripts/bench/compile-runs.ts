import type { Clock } from '../../src/domain/clock';
import { compileRoundChapter } from '../../src/domain/use-cases/compile-report';
import { openCosmosStore } from '../../src/infrastructure/cosmos/cosmos-store';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { logger } from '../../src/logger';
import { renderDocx } from '../../src/report/docx';
import { renderMarkdown } from '../../src/report/markdown';
import { compileAnswerSheet } from '../../src/domain/use-cases/answer-sheet';
import { renderAnswerSheet } from '../../src/report/answer-sheet';
import { countStoreRequests, type StoreRequests } from './store-requests';

export interface CompileRunsInput {
  readonly endpoint: string;
  readonly key: string;
  readonly database: string;
  /** The round timed RUNS times, and a smaller one compiled alongside to compare store requests. */
  readonly roundId: string;
  readonly smallRoundId: string;
  /** The round whose answers are timed as a sheet: every project with several versions. */
  readonly sheetRoundId: string;
  readonly runs: number;
}

/** One answer sheet of a round, from the store to .xlsx, as its download link makes it. */
export interface SheetMade {
  readonly seconds: number;
  /** This process's CPU time for it (user and system): less at the mercy of other work on the machine. */
  readonly cpuSeconds: number;
  /** Reading the round with every version, and building the rows. */
  readonly rowsSeconds: number;
  readonly xlsxSeconds: number;
  readonly requests: StoreRequests;
  readonly rows: number;
  readonly projects: number;
  readonly bytes: number;
}

/** One compile of a round from the store to .docx and .md. */
export interface Compiled {
  readonly seconds: number;
  /** Store reads and compileChapter, as `compileRoundChapter` does both. */
  readonly chapterSeconds: number;
  readonly docxSeconds: number;
  readonly markdownSeconds: number;
  readonly requests: StoreRequests;
  readonly docxBytes: number;
  readonly markdownBytes: number;
  readonly total: number;
  readonly answered: number;
  readonly footnotes: number;
}

export interface CompileRunsResult {
  /** The compile of the small round that warmed up this process: the first one it made. */
  readonly first: Compiled;
  readonly runs: readonly Compiled[];
  readonly smallRuns: readonly Compiled[];
  /** Reading the round and its status updates from the store, nothing else: the baseline. */
  readonly readSeconds: readonly number[];
  /** RSS once the modules are loaded and the store is open, before the first compile. */
  readonly rssBeforeMB: number;
  /** Peak RSS after the first compile of the large round: one download in a fresh process. */
  readonly peakRssFirstCompileMB: number;
  /** The most this process had resident (getrusage) after the compiles, before any sheet. */
  readonly peakRssMB: number;
  readonly sheets: readonly SheetMade[];
  /** The most this process ever had resident, the sheets included. */
  readonly peakRssSheetsMB: number;
}

const clock: Clock = { now: () => new Date('2026-11-25T10:00:00.000Z') };

/**
 * The measuring half of `npm run bench:compile`, in a process of its own so that its peak RSS
 * is that of a process that opens the store and compiles, as the bot does for a download, and
 * not of the one that generated and seeded the data. Takes its input as a JSON argument, sends
 * its result over IPC, and exits; it exits as well when the parent goes away.
 */
async function main(input: CompileRunsInput): Promise<CompileRunsResult> {
  const store = await openCosmosStore({ endpoint: input.endpoint, key: input.key, database: input.database });
  const counter = countStoreRequests(input.endpoint);
  try {
    const repositories = cosmosRepositories(store);
    const rssBeforeMB = process.memoryUsage().rss / 1024 / 1024;

    const compile = async (roundId: string): Promise<Compiled> => {
      counter.reset();
      const started = performance.now();
      const { chapter } = await compileRoundChapter(roundId, { ...repositories, clock });
      const compiled = performance.now();
      const docx = await renderDocx(chapter);
      const rendered = performance.now();
      const markdown = renderMarkdown(chapter);
      const finished = performance.now();
      return {
        seconds: (finished - started) / 1000,
        chapterSeconds: (compiled - started) / 1000,
        docxSeconds: (rendered - compiled) / 1000,
        markdownSeconds: (finished - rendered) / 1000,
        requests: counter.counts(),
        docxBytes: docx.length,
        markdownBytes: Buffer.byteLength(markdown),
        total: chapter.total,
        answered: chapter.answered,
        footnotes: chapter.footnotes.length,
      };
    };
    const read = async (roundId: string): Promise<number> => {
      const started = performance.now();
      await repositories.rounds.get(roundId);
      await repositories.statusUpdates.listLatestByRound(roundId);
      return (performance.now() - started) / 1000;
    };

    const sheet = async (roundId: string): Promise<SheetMade> => {
      counter.reset();
      const cpu = process.cpuUsage();
      const started = performance.now();
      const made = await compileAnswerSheet(roundId, { scope: 'all' }, repositories);
      const built = performance.now();
      const xlsx = await renderAnswerSheet(made, clock.now());
      const finished = performance.now();
      const used = process.cpuUsage(cpu);
      return {
        seconds: (finished - started) / 1000,
        cpuSeconds: (used.user + used.system) / 1e6,
        rowsSeconds: (built - started) / 1000,
        xlsxSeconds: (finished - built) / 1000,
        requests: counter.counts(),
        rows: made.rows.length,
        projects: made.projects,
        bytes: xlsx.length,
      };
    };

    const first = await compile(input.smallRoundId);
    await read(input.roundId);
    await compile(input.roundId);
    const peakRssFirstCompileMB = process.resourceUsage().maxRSS / 1024;
    const readSeconds: number[] = [];
    const runs: Compiled[] = [];
    const smallRuns: Compiled[] = [];
    for (let run = 0; run < input.runs; run += 1) {
      readSeconds.push(await read(input.roundId));
      runs.push(await compile(input.roundId));
      smallRuns.push(await compile(input.smallRoundId));
    }
    const peakRssMB = process.resourceUsage().maxRSS / 1024;
    // The sheets after the compiles, so that the compiles' peak RSS is theirs alone.
    await sheet(input.sheetRoundId);
    const sheets: SheetMade[] = [];
    for (let run = 0; run < input.runs; run += 1) sheets.push(await sheet(input.sheetRoundId));
    return {
      first,
      runs,
      smallRuns,
      readSeconds,
      rssBeforeMB,
      peakRssFirstCompileMB,
      peakRssMB,
      sheets,
      peakRssSheetsMB: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    counter.stop();
    store.dispose();
  }
}

process.once('disconnect', () => process.exit(1));
main(JSON.parse(process.argv[2] ?? '{}') as CompileRunsInput).then(
  (result) => process.send?.(result, () => process.exit(0)),
  (error: unknown) => {
    logger.child({ module: 'bench:compile' }).fatal({ err: error }, 'bench:compile runs failed');
    process.exit(1);
  },
);
