import { fork } from 'node:child_process';
import { NODE_FLAGS } from '../../src/node-flags';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Repositories } from '../../src/domain/repositories';
import { openCosmosStore } from '../../src/infrastructure/cosmos/cosmos-store';
import { cosmosRepositories } from '../../src/infrastructure/cosmos/repositories';
import { logger } from '../../src/logger';
import type { CompileRunsInput, CompileRunsResult, Compiled } from './compile-runs';
import { startCosmosProcess } from './local-cosmos-process';
import { printFigures } from './print-figures';
import { realisticRound } from './realistic-round';
import { describeRequests, inBatches, mostRequests } from './store-requests';

const PROJECTS = Number(process.env['BENCH_PROJECTS'] ?? 1_000);
/** The smaller round, to show that the store requests do not grow with the number of projects. */
const SMALL_PROJECTS = 100;
const RUNS = 5;
/** Versions per project in the round timed as an answer sheet. */
const SHEET_VERSIONS = 3;
const TARGET_SECONDS = 2;
const SHEET_TARGET_SECONDS = 2;
const TARGET_RSS_MB = 250;
const DATABASE = 'bench';
const log = logger.child({ module: 'bench:compile' });

/**
 * `npm run bench:compile`: seeds a round of PROJECTS projects with realistic answers and
 * footnotes, and one of 100, in the local Cosmos server; then a fresh process compiles the
 * chapter from the store to .docx and .md, as a download does, RUNS times after a warm-up.
 * Prints the median and slowest time, the peak RSS of that process, and the store requests one
 * compile makes at both sizes; the baseline is reading the same round and its status updates
 * from the store without compiling anything. Then the same process makes the round's answers as
 * a sheet (.xlsx, one row per project and version, as its download link does) of a round of
 * PROJECTS projects with SHEET_VERSIONS reviewed versions each, RUNS times after a warm-up.
 */
async function main(): Promise<void> {
  const cosmos = await startCosmosProcess();
  try {
    const store = await openCosmosStore({ endpoint: cosmos.endpoint, key: cosmos.key, database: DATABASE });
    let roundId: string;
    let smallRoundId: string;
    let sheetRoundId: string;
    try {
      const repositories = cosmosRepositories(store);
      smallRoundId = await seed(repositories, 2025, SMALL_PROJECTS);
      roundId = await seed(repositories, 2026, PROJECTS);
      sheetRoundId = await seed(repositories, 2027, PROJECTS, SHEET_VERSIONS);
    } finally {
      store.dispose();
    }

    log.info(`compiling in a process of its own: 1 warm-up and ${RUNS} runs`);
    const result = await measure({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      database: DATABASE,
      roundId,
      smallRoundId,
      sheetRoundId,
      runs: RUNS,
    });

    const last = result.runs[result.runs.length - 1] as Compiled;
    const mostOf = (runs: readonly Compiled[]) => mostRequests(runs.map((run) => run.requests));
    const requests = mostOf(result.runs);
    const smallRequests = mostOf(result.smallRuns);
    const grows = requests.queries > smallRequests.queries || requests.pointReads > smallRequests.pointReads;
    const seconds = result.runs.map((run) => run.seconds);
    const medianSeconds = median(seconds);
    const maxSeconds = Math.max(...seconds);
    const readSeconds = median(result.readSeconds);
    const sheet = result.sheets[result.sheets.length - 1];
    if (!sheet) throw new Error('no answer sheet was made');
    const sheetSeconds = result.sheets.map((made) => made.seconds);
    const sheetMaxSeconds = Math.max(...sheetSeconds);
    const figures = {
      bench: 'compile',
      projects: PROJECTS,
      answered: last.answered,
      footnotes: last.footnotes,
      runs: RUNS,
      medianSeconds: round(medianSeconds),
      maxSeconds: round(maxSeconds),
      readSeconds: round(readSeconds),
      compileOfRead: round(medianSeconds / readSeconds),
      chapterSeconds: round(median(result.runs.map((run) => run.chapterSeconds))),
      docxSeconds: round(median(result.runs.map((run) => run.docxSeconds))),
      markdownSeconds: round(median(result.runs.map((run) => run.markdownSeconds))),
      peakRssMB: round(result.peakRssMB),
      peakRssFirstCompileMB: round(result.peakRssFirstCompileMB),
      rssBeforeMB: round(result.rssBeforeMB),
      docxBytes: last.docxBytes,
      markdownBytes: last.markdownBytes,
      storeRequests: { [SMALL_PROJECTS]: smallRequests, [PROJECTS]: requests },
      firstCompileRequests: result.first.requests,
      sheetProjects: sheet.projects,
      sheetRows: sheet.rows,
      sheetSeconds: round(median(sheetSeconds)),
      sheetMaxSeconds: round(sheetMaxSeconds),
      sheetCpuSeconds: round(median(result.sheets.map((made) => made.cpuSeconds))),
      sheetRowsSeconds: round(median(result.sheets.map((made) => made.rowsSeconds))),
      sheetXlsxSeconds: round(median(result.sheets.map((made) => made.xlsxSeconds))),
      sheetBytes: sheet.bytes,
      sheetPeakRssMB: round(result.peakRssSheetsMB),
      sheetStoreRequests: mostRequests(result.sheets.map((made) => made.requests)),
      targetSeconds: TARGET_SECONDS,
      sheetTargetSeconds: SHEET_TARGET_SECONDS,
      targetRssMB: TARGET_RSS_MB,
      withinTargets:
        maxSeconds <= TARGET_SECONDS &&
        result.peakRssMB <= TARGET_RSS_MB &&
        !grows &&
        sheetMaxSeconds <= SHEET_TARGET_SECONDS,
    };

    log.info(
      `${PROJECTS} projects (${last.answered} answered, ${last.footnotes} footnotes) to .docx (${kB(last.docxBytes)}) ` +
        `and .md (${kB(last.markdownBytes)}): median ${figures.medianSeconds} s, slowest ${figures.maxSeconds} s ` +
        `(target ≤ ${TARGET_SECONDS} s) = ${figures.compileOfRead}× reading the round (${figures.readSeconds} s); ` +
        `read + compileChapter ${figures.chapterSeconds} s, Word ${figures.docxSeconds} s, Markdown ${figures.markdownSeconds} s`,
    );
    log.info(
      `peak RSS ${figures.peakRssMB} MB (target ≤ ${TARGET_RSS_MB} MB); ${figures.peakRssFirstCompileMB} MB after the ` +
        `warm-up (the first compile of ${PROJECTS} projects), ${figures.rssBeforeMB} MB before it`,
    );
    log.info(
      `store requests per compile: ${SMALL_PROJECTS} projects ${describeRequests(smallRequests)}; ` +
        `${PROJECTS} projects ${describeRequests(requests)}`,
    );
    log.info(
      `the answers as a sheet: ${sheet.projects} projects × ${SHEET_VERSIONS} versions = ${sheet.rows} rows on two ` +
        `sheets (${kB(sheet.bytes)}): median ${figures.sheetSeconds} s, slowest ${figures.sheetMaxSeconds} s ` +
        `(target ≤ ${SHEET_TARGET_SECONDS} s), CPU ${figures.sheetCpuSeconds} s; read + rows ${figures.sheetRowsSeconds} s, .xlsx ${figures.sheetXlsxSeconds} s; ` +
        `peak RSS ${figures.sheetPeakRssMB} MB; store requests ${describeRequests(figures.sheetStoreRequests)}`,
    );
    if (sheet.projects !== PROJECTS) {
      log.error('the sheet does not hold every project of its round');
      process.exitCode = 1;
    }
    if (last.total !== PROJECTS || (result.smallRuns[0]?.total ?? 0) !== SMALL_PROJECTS) {
      log.error(`a chapter does not hold every project of its round`);
      process.exitCode = 1;
    }
    if (grows) {
      log.error('the store requests grow with the number of projects');
      process.exitCode = 1;
    }
    if (!figures.withinTargets) log.warn('not within the targets');
    printFigures(figures);
  } finally {
    await cosmos.stop();
  }
}

/** Stores a round and its status updates (not timed) and returns the round's id. */
async function seed(
  repositories: Repositories,
  year: number,
  projects: number,
  versions?: number,
): Promise<string> {
  const { round, updates } = realisticRound(year, projects, versions === undefined ? {} : { versions });
  log.info(
    `seeding a round of ${projects} projects${versions === undefined ? '' : ` × ${versions} versions`}`,
  );
  await repositories.rounds.create(round);
  await inBatches(updates, 50, (update) => repositories.statusUpdates.createMany([update]));
  return round.id;
}

/** Runs the compiles in a fresh process (compile-runs.ts) and resolves with what it measured. */
async function measure(input: CompileRunsInput): Promise<CompileRunsResult> {
  const child = fork(join(__dirname, 'compile-runs.js'), [JSON.stringify(input)], {
    execArgv: [...NODE_FLAGS],
  });
  const exited = once(child, 'exit');
  const [result] = (await Promise.race([once(child, 'message'), exited])) as [unknown];
  await exited;
  if (typeof result !== 'object' || result === null) throw new Error('the compile runs failed');
  return result as CompileRunsResult;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function kB(bytes: number): string {
  return `${Math.round(bytes / 1024)} kB`;
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'bench:compile failed');
  process.exit(1);
});
