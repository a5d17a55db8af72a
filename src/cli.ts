import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config';
import { systemClock } from './domain/clock';
import { DomainError, RoundStateError } from './domain/errors';
import { roundAfter, roundIdOf, roundNamedIn, type HouseStyle, type Person } from './domain/model';
import { compileAnswerSheet } from './domain/use-cases/answer-sheet';
import { DEFAULT_REMINDER_PLAN } from './domain/reminder-plan';
import { closeRound } from './domain/use-cases/close-round';
import { reopenRound } from './domain/use-cases/reopen-round';
import { compileReport } from './domain/use-cases/compile-report';
import {
  describeProblem,
  describeRegisterFileError,
  fieldName,
  importRegisterFile,
  RegisterFileError,
} from './domain/use-cases/import-register';
import { openRound } from './domain/use-cases/open-round';
import { erasePersonalData, exportPersonalData } from './domain/use-cases/personal-data';
import { roundStatus } from './domain/use-cases/round-status';
import { RoundNotFound } from './domain/use-cases/choose-round';
import { openCosmosStore, type CosmosStore } from './infrastructure/cosmos/cosmos-store';
import { cosmosRepositories } from './infrastructure/cosmos/repositories';
import { readRegister } from './infrastructure/spreadsheet';
import { logger } from './logger';
import { renderDocx } from './report/docx';
import { describeHouseTemplateError, HouseTemplateError, readHouseTemplate } from './report/house-template';
import { renderMarkdown } from './report/markdown';
import { renderAnswerSheet } from './report/answer-sheet';
import { answerSheetFile } from './report/signed-links';
import { CliError, importReport, type OfflineContext } from './cli-report';
import { Scheduler } from './scheduler';
import { createAdapter } from './teams/adapter';
import { createTeamsSender } from './teams/proactive/job-sender';

const USAGE = `Stand van zaken, command line (the same use cases and store as the bot)

  npm run cli -- import <register.csv|register.xlsx> [--year 2021] [--dry-run]
  npm run cli -- import-report <report.txt> [--sheet <register.xlsx|register.csv>]
  npm run cli -- round open <voortgangsrapportage|jaarverslag> <year> --deadline <date> [--from <date>] [--by <coordinator>]
  npm run cli -- round close <kind> <year> [--by <coordinator>]
  npm run cli -- round reopen <kind> <year> --deadline <date> [--by <coordinator>]
  npm run cli -- reminders now
  npm run cli -- status [<kind> <year>] [--by <coordinator>]
  npm run cli -- compile <kind> <year> [--out <folder>] [--no-overview] [--template <huisstijl.dotx> | --no-template]
  npm run cli -- export <kind> <year> [--out <file.xlsx>]
  npm run cli -- person export <e-mail|object id> [--out <file.json>]
  npm run cli -- person erase <e-mail|object id> --yes

Settings come from the environment, as for the bot (env/.env.example): COSMOS_* at least;
BOT_* for "reminders now". --by names the coordinator (e-mail or object id) the round is
opened, closed or reopened for; default the first of COORDINATORS. round close closes at once,
without the question the bot asks in chat.

compile writes the Word file in the organisation's house template: the one given with
--template (a Word template or document, .dotx or .docx: its styles for the headings, the text,
the footnotes and the table, and its theme fonts), else the one a coordinator sent the bot in
chat; --no-template writes the plain styles.

export writes the round's answers as a sheet (.xlsx): one row per project and version, with the
review decisions, in Dutch and in English; every project, as a coordinator sees them.`;

interface Context {
  readonly config: Config;
  readonly store: CosmosStore;
  readonly args: readonly string[];
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  readonly out: (line: string) => void;
}

async function main(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      year: { type: 'string' },
      'dry-run': { type: 'boolean' },
      deadline: { type: 'string' },
      from: { type: 'string' },
      by: { type: 'string' },
      out: { type: 'string' },
      sheet: { type: 'string' },
      yes: { type: 'boolean' },
      'no-overview': { type: 'boolean' },
      template: { type: 'string' },
      'no-template': { type: 'boolean' },
      csv: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const [command, ...args] = positionals;
  if (values.help || command === undefined) {
    out(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  const offline = OFFLINE[command];
  if (offline) {
    await offline({ args, options: values, out });
    return 0;
  }
  const handler = COMMANDS[command];
  if (!handler) {
    process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'warn', ...process.env });
  logger.level = config.logLevel;
  const store = await openCosmosStore(config.cosmos);
  try {
    await handler({ config, store, args, options: values, out });
    return 0;
  } finally {
    store.dispose();
  }
}

/** Commands that read only files: they run without Cosmos (and without its settings). */
const OFFLINE: Record<string, ((context: OfflineContext) => Promise<void>) | undefined> = {
  'import-report': importReport,
};

const COMMANDS: Record<string, ((context: Context) => Promise<void>) | undefined> = {
  async import({ store, args, options, out }) {
    const file = args[0];
    if (!file) throw new CliError('Which file? npm run cli -- import <register.csv|register.xlsx>');
    const year = options['year'] === undefined ? undefined : Number(options['year']);
    // Whoever runs the command line has the store's keys: a coordinator by definition.
    const by = typeof options['by'] === 'string' ? options['by'] : 'command line';
    let result;
    try {
      result = await importRegisterFile(
        {
          bytes: readFileSync(resolve(file)),
          fileName: basename(file),
          by: { id: by, name: by },
          ...(year !== undefined ? { defaultYear: year } : {}),
          dryRun: options['dry-run'] === true,
        },
        { ...cosmosRepositories(store), clock: systemClock, readRegister, isCoordinator: () => true },
      );
    } catch (error) {
      if (error instanceof RegisterFileError) throw new CliError(describeRegisterFileError(error, 'nl'));
      throw error;
    }
    if (!result.ok) {
      out(`Niets ingelezen: ${result.problems.length} ${result.problems.length === 1 ? 'fout' : 'fouten'}.`);
      for (const problem of result.problems) out(`  ${describeProblem(problem, 'nl')}`);
      throw new CliError('Verbeter het bestand en lees het opnieuw in.');
    }
    out(
      `${result.stored ? 'Ingelezen' : 'Proef (niets opgeslagen)'}: ${result.added.length} nieuw, ` +
        `${result.changed.length} gewijzigd, ${result.unchanged} ongewijzigd.`,
    );
    for (const round of result.published) {
      const { kind, year } = round;
      const next = roundAfter(kind, year);
      out(
        `Gepubliceerde antwoorden uit ${kind} ${year}: ${round.added} nieuw, ${round.changed} gewijzigd, ` +
          `${round.unchanged} ongewijzigd. Daarmee wordt ${next.kind} ${next.year} vooringevuld.`,
      );
    }
    if (result.answersWithoutRound > 0) {
      out(
        `${result.answersWithoutRound} gepubliceerde antwoorden niet bewaard: de kolom 'gepubliceerd in' is leeg.`,
      );
    }
    for (const project of result.added) out(`  + ${project.year} ${project.number} ${project.title}`);
    for (const change of result.changed) {
      out(
        `  ~ ${change.project.year} ${change.project.number} ${change.project.title}: ` +
          change.fields.map((field) => fieldName(field, 'nl')).join(', '),
      );
    }
  },

  async round({ config, store, args, options, out }) {
    const [action, kind, year] = args;
    if ((action !== 'open' && action !== 'close' && action !== 'reopen') || !kind || !year) {
      throw new CliError('npm run cli -- round open|close|reopen <kind> <year> ...');
    }
    const by = coordinator(config, options);
    const deps = { ...cosmosRepositories(store), clock: systemClock, isCoordinator: () => true };
    try {
      if (action === 'close') {
        const round = await closeRound({ kind, year, by }, deps);
        out(`${round.id} is gesloten: geen herinneringen meer, de antwoorden liggen vast.`);
        return;
      }
      const deadline = options['deadline'];
      if (typeof deadline !== 'string')
        throw new CliError(`--deadline <date> is needed to ${action} a round.`);
      if (action === 'reopen') {
        const { round, waiting } = await reopenRound({ kind, year, deadline, by }, deps);
        out(
          `${round.id} is heropend, deadline ${round.deadline}: ${waiting} projecten zonder antwoord krijgen ` +
            'een herinnering bij de volgende planningsronde (of nu: npm run cli -- reminders now).',
        );
        return;
      }
      const from = options['from'];
      const opened = await openRound(
        { kind, year, deadline, asksFrom: typeof from === 'string' ? from : undefined, by },
        {
          ...deps,
          reminderPlan: {
            ...DEFAULT_REMINDER_PLAN,
            sendAnyTime: config.scheduler.sendAnyTime,
            firstAsk: config.scheduler.firstAsk,
            remindersPerWeek: config.scheduler.remindersPerWeek,
          },
        },
      );
      out(
        `${opened.round.id} is geopend, deadline ${opened.round.deadline}: ${opened.requests.length} kaarten. ` +
          'De bot stuurt ze bij de volgende planningsronde (of nu: npm run cli -- reminders now).',
      );
    } catch (error) {
      if (!(error instanceof RoundStateError)) throw error;
      const { round } = error;
      throw new CliError(
        round.status === 'closed'
          ? `${round.id} is gesloten. Heropen met: npm run cli -- round reopen ${round.kind} ${round.year} --deadline <datum>`
          : `${round.id} is open, deadline ${round.deadline}.`,
      );
    }
  },

  async reminders({ config, store, args, out }) {
    if (args[0] !== 'now') throw new CliError('npm run cli -- reminders now');
    const log = logger.child({ module: 'cli' });
    const adapter = createAdapter(config.bot, log, config.defaultLanguage);
    const sender = createTeamsSender(adapter, config.bot?.appId ?? '', systemClock);
    const scheduler = new Scheduler({
      repositories: cosmosRepositories(store),
      clock: systemClock,
      sender,
      instanceId: `cli-${process.pid}`,
      log,
      intervalMs: 0,
    });
    const report = await scheduler.tick();
    out(
      report.standby
        ? 'Een andere instantie verstuurt op dit moment; die neemt alles mee.'
        : `Gepland: ${report.planned}; verstuurd: ${report.sent}; overgeslagen: ${report.skipped}; ` +
            `mislukt: ${report.failed}; later opnieuw: ${report.retried}.`,
    );
  },

  async status({ config, store, args, options, out }) {
    const { round, rest } = roundNamedIn(args.join(' '));
    if (args.length > 0 && (typeof round !== 'object' || rest !== '')) {
      throw new CliError('npm run cli -- status [<kind> <year>] [--by <coordinator>]');
    }
    const status = await roundStatus(
      { by: coordinator(config, options), round: typeof round === 'object' ? round : undefined },
      {
        ...cosmosRepositories(store),
        clock: systemClock,
        isCoordinator: () => true,
        coordinators: config.coordinators,
        speerpuntReviewers: config.speerpuntReviewers,
      },
    ).catch((error: unknown) => {
      if (!(error instanceof RoundNotFound)) throw error;
      throw new CliError(
        `${error.messageFor('nl')} Er zijn: ${error.known.map((known) => `${known.id} (${known.status})`).join(', ')}.`,
      );
    });
    out(
      `${status.round.id}: ${status.answered} van ${status.answered + status.open} beantwoord; ` +
        `${status.snoozed} uitgesteld; niet bereikbaar: ${status.unreachable}.`,
    );
    for (const owner of status.waiting) {
      const detail =
        owner.state === 'unreachable'
          ? `niet bereikbaar (${owner.reason ?? ''})`
          : owner.state === 'snoozed'
            ? `herinnering ${owner.snoozedUntil ?? ''}`
            : owner.state === 'draft'
              ? 'concept opgeslagen, nog niet verstuurd'
              : owner.state === 'sentBack'
                ? 'teruggestuurd, nog niet opnieuw ingediend'
                : 'nog niet ingevuld';
      out(
        `  ${owner.number} ${owner.title}: ${owner.ownerName}${owner.delegate ? ' (gedelegeerd)' : ''}: ${detail}`,
      );
    }
    for (const stuck of status.stuckReviews ?? []) {
      out(
        `  ${stuck.numbers.join(', ')}: wacht op een beoordeling die niemand kan geven; ${stuck.submitterName} ` +
          'diende in en niemand anders mag beoordelen (voeg een coördinator of beoordelaar toe).',
      );
    }
    if (status.alsoOpen.length > 0) {
      out(
        `Ook open: ${status.alsoOpen.map((other) => `${other.id} (status ${other.kind} ${other.year})`).join(', ')}.`,
      );
    }
  },

  async compile({ config, store, args, options, out }) {
    const [kind, year] = args;
    if (!kind || !year) {
      throw new CliError(
        'npm run cli -- compile <kind> <year> [--out <folder>] [--no-overview] [--template <file.dotx>]',
      );
    }
    const house = await houseStyleFor(store, options);
    const { round, chapter } = await compileReport(
      { kind, year, overview: options['no-overview'] !== true, by: coordinator(config, options) },
      { ...cosmosRepositories(store), clock: systemClock, isCoordinator: () => true },
    );
    const folder = resolve(typeof options['out'] === 'string' ? options['out'] : '.');
    mkdirSync(folder, { recursive: true });
    const markdown = join(folder, `${round.id}.md`);
    const word = join(folder, `${round.id}.docx`);
    writeFileSync(markdown, renderMarkdown(chapter));
    writeFileSync(word, await renderDocx(chapter, house?.style));
    out(
      `${chapter.title}: ${chapter.answered} van ${chapter.total} beantwoord, ${chapter.footnotes.length} voetnoten.`,
    );
    out(`  ${word}${house ? ` (huisstijl ${house.fileName})` : ''}`);
    out(`  ${markdown}`);
  },

  /** The round's answers as a sheet, every project and version: the coordinator's tool reads all. */
  async export({ store, args, options, out }) {
    const [kind, year] = args;
    const round = kind && year ? roundNamedIn(`${kind} ${year}`).round : undefined;
    if (!round || round === 'incomplete') {
      throw new CliError(
        'npm run cli -- export <voortgangsrapportage|jaarverslag> <year> [--out <file.xlsx>]',
      );
    }
    const roundId = roundIdOf(round.kind, round.year);
    let sheet;
    try {
      sheet = await compileAnswerSheet(roundId, { scope: 'all' }, cosmosRepositories(store));
    } catch (error) {
      if (error instanceof DomainError && error.code === 'ROUND_NOT_FOUND') {
        throw new CliError(`Er is geen ronde ${kind} ${year}.`);
      }
      throw error;
    }
    const file = resolve(typeof options['out'] === 'string' ? options['out'] : answerSheetFile(roundId));
    writeFileSync(file, await renderAnswerSheet(sheet, systemClock.now()));
    out(`${roundId}: ${sheet.rows.length} rijen, ${sheet.projects} projecten, ${sheet.answered} beantwoord.`);
    out(`  ${file}`);
  },

  /**
   * AVG/GDPR: `export` writes everything stored that names the person (an inzageverzoek);
   * `erase` removes them (someone who left), see erasePersonalData for what stays.
   */
  async person({ store, args, options, out }) {
    const [action, reference] = args;
    if ((action !== 'export' && action !== 'erase') || !reference) {
      throw new CliError('npm run cli -- person export|erase <e-mail|object id> [--out <file.json>] [--yes]');
    }
    const deps = { ...cosmosRepositories(store), clock: systemClock };
    if (action === 'export') {
      const data = await exportPersonalData(reference, deps);
      const json = `${JSON.stringify(data, null, 2)}\n`;
      const file = options['out'];
      if (typeof file === 'string') {
        writeFileSync(resolve(file), json);
        out(`Geschreven: ${resolve(file)}.`);
      } else out(json.trimEnd());
      return;
    }
    if (options['yes'] !== true) {
      throw new CliError(`Dit verwijdert ${reference} uit de bot. Herhaal met --yes om het te doen.`);
    }
    const report = await erasePersonalData(reference, deps);
    out(
      `Verwijderd: ${reference}. Contact ${report.contactRemoved ? 'verwijderd' : 'niet gevonden'}; ` +
        `${report.statusUpdatesChanged} antwoorden geanonimiseerd; ${report.messagesRemoved} berichten verwijderd; ` +
        `eigenaar af van ${report.ownerRemovedFrom.length} projecten; ${report.roundsChanged} rondes` +
        `${report.houseTemplateChanged ? '; naam van de huisstijl gehaald' : ''}.`,
    );
    if (report.projectsWithoutOwner.length > 0) {
      out(
        `  Zonder eigenaar nu (wijs een nieuwe toe in het register): ${report.projectsWithoutOwner.join(', ')}`,
      );
    }
  },
};

/**
 * The house template for `compile`: the file given with --template, checked as the bot checks
 * one sent in chat; else the one stored, unless --no-template.
 */
async function houseStyleFor(
  store: CosmosStore,
  options: Context['options'],
): Promise<{ readonly style: HouseStyle; readonly fileName: string } | undefined> {
  const file = options['template'];
  if (typeof file === 'string') {
    try {
      return {
        style: readHouseTemplate(readFileSync(resolve(file)), basename(file)),
        fileName: basename(file),
      };
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT')
        throw new CliError(`Niet gevonden: ${resolve(file)}`);
      if (error instanceof HouseTemplateError) {
        throw new CliError(`${basename(file)}: ${describeHouseTemplateError(error, 'nl')}`);
      }
      throw error;
    }
  }
  if (options['no-template'] === true) return undefined;
  const stored = await cosmosRepositories(store).houseTemplates.get();
  return stored ? { style: stored, fileName: stored.fileName } : undefined;
}

/** Who the CLI acts for: --by, or the first configured coordinator. */
function coordinator(config: Config, options: Context['options']): Person {
  const by = typeof options['by'] === 'string' ? options['by'].trim().toLowerCase() : config.coordinators[0];
  if (!by) throw new CliError('Name the coordinator with --by <e-mail>, or set COORDINATORS.');
  return by.includes('@') ? { id: by, name: by, email: by } : { id: by, name: by };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError || error instanceof DomainError || error instanceof ConfigError) {
      const message = error instanceof DomainError ? error.messageFor('nl') : error.message;
      process.stderr.write(`${message}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
