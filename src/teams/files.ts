import { DomainError } from '../domain/errors';
import type { Person } from '../domain/model';
import { draftRegisterFromReport } from '../domain/use-cases/draft-register';
import {
  describeRegisterFileError,
  importRegisterFile,
  MAX_REGISTER_BYTES,
  RegisterFileError,
} from '../domain/use-cases/import-register';
import { storeHouseTemplate } from '../domain/use-cases/house-template';
import {
  applyHouseStyle,
  describeHouseTemplateError,
  HouseTemplateError,
  MAX_TEMPLATE_BYTES,
  readHouseTemplate,
  type StyleRole,
} from '../report/house-template';
import { importResultCard, noticeCard, registerDraftCard, type AdaptiveCard } from './cards';
import { coordinatorCandidate } from './identity';
import { TEXTS } from './texts';
import type { Turn } from './turn';

/** How Teams hands a bot a file sent in the 1:1 chat (manifest: `supportsFiles`). */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** A report's text is far smaller than this; the example chapter is 30 kB. */
export const MAX_REPORT_TEXT_BYTES = 1024 * 1024;

/** More files in one message are not read: each one is an import. */
const MAX_FILES_PER_MESSAGE = 3;

export interface SentFile {
  readonly name: string;
  readonly downloadUrl: string;
  readonly kind: 'register' | 'report-text' | 'template' | 'unsupported';
}

/** How many bytes a file of each kind may have. */
const MAX_BYTES: Record<Exclude<SentFile['kind'], 'unsupported'>, number> = {
  register: MAX_REGISTER_BYTES,
  'report-text': MAX_REPORT_TEXT_BYTES,
  template: MAX_TEMPLATE_BYTES,
};

/** The files of a message, from its attachments; anything malformed is left out. */
export function sentFiles(attachments: unknown): SentFile[] {
  const files: SentFile[] = [];
  for (const attachment of Array.isArray(attachments) ? (attachments as unknown[]) : []) {
    if (!isRecord(attachment) || attachment['contentType'] !== FILE_DOWNLOAD_INFO) continue;
    const content = attachment['content'];
    const downloadUrl = isRecord(content) ? content['downloadUrl'] : undefined;
    if (typeof downloadUrl !== 'string' || downloadUrl.length > 4096) continue;
    const given = attachment['name'];
    const name = typeof given === 'string' && given !== '' ? given.slice(0, 200) : 'bestand';
    const kind = /\.(?:csv|xlsx)$/i.test(name)
      ? 'register'
      : /\.(?:txt|md)$/i.test(name)
        ? 'report-text'
        : // The old .doc and .dot are taken too, to be refused with what to do instead.
          /\.(?:docx|dotx|doc|dot)$/i.test(name)
          ? 'template'
          : 'unsupported';
    files.push({ name, downloadUrl, kind });
  }
  return files;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Files a coordinator sends in the 1:1 chat: a register sheet is imported (all or nothing, with
 * what changed), the text of an earlier report becomes a register draft to download and
 * complete, a Word template becomes the house template of the chapter. Someone who is no
 * coordinator is refused before anything is fetched.
 */
export async function handleSentFiles(turn: Turn, files: readonly SentFile[]): Promise<void> {
  const t = TEXTS[turn.language];
  const { services } = turn;
  if (turn.conversationType !== 'personal') {
    await turn.reply(noticeCard({ title: t.fileOnlyInPersonalChat }));
    return;
  }
  const by = await coordinatorCandidate(turn);
  if (!services.isCoordinator(by)) throw new DomainError('NOT_COORDINATOR');
  for (const file of files.slice(0, MAX_FILES_PER_MESSAGE)) {
    await turn.reply(await cardFor(turn, file, by));
  }
}

async function cardFor(turn: Turn, file: SentFile, by: Person): Promise<AdaptiveCard> {
  const t = TEXTS[turn.language];
  const { services } = turn;
  if (file.kind === 'unsupported') {
    return noticeCard({ title: t.fileUnsupportedTitle, text: t.fileUnsupportedText, tone: 'attention' });
  }
  const download = await services.downloadFile(file.downloadUrl, MAX_BYTES[file.kind]);
  if (!download.ok) {
    services.log.warn({ reason: download.reason, file: file.name }, 'file download refused');
    return noticeCard({
      title: t.fileFailedTitle(file.name),
      text: t.fileFailedText(download.reason),
      tone: 'attention',
    });
  }
  const { bytes } = download;
  if (file.kind === 'template') return houseTemplateCard(turn, file, bytes, by);
  if (file.kind === 'register') {
    let result;
    try {
      result = await importRegisterFile({ bytes, fileName: file.name, by }, services.deps);
    } catch (error) {
      if (!(error instanceof RegisterFileError)) throw error;
      return noticeCard({
        title: t.importFailedTitle(file.name),
        text: describeRegisterFileError(error, turn.language),
        tone: 'attention',
      });
    }
    services.log.info(
      result.ok
        ? { file: file.name, added: result.added.length, changed: result.changed.length }
        : { file: file.name, problems: result.problems.length },
      result.ok ? 'register imported' : 'register refused',
    );
    return importResultCard(turn.language, file.name, result, services.clock.now());
  }
  const draft = await draftRegisterFromReport(
    { id: services.newId(), text: bytes.toString('utf8').replace(/^\uFEFF/, ''), source: file.name, by },
    services.deps,
  );
  services.log.info(
    { file: file.name, draft: draft.id, projects: draft.projects.length },
    'register draft made',
  );
  return registerDraftCard(turn.language, draft, services.registerSheetLink(draft.id));
}

/**
 * A Word template sent in the chat: checked, then stored as the house template, and the card
 * says which of the chapter's styles it has. A file that cannot serve is refused, and the
 * template in use stays.
 */
async function houseTemplateCard(
  turn: Turn,
  file: SentFile,
  bytes: Buffer,
  by: Person,
): Promise<AdaptiveCard> {
  const t = TEXTS[turn.language];
  const { services } = turn;
  const { deps } = services;
  let style;
  try {
    style = readHouseTemplate(bytes, file.name);
  } catch (error) {
    if (!(error instanceof HouseTemplateError)) throw error;
    services.log.info({ file: file.name, code: error.code }, 'house template refused');
    const current = await services.repositories.houseTemplates.get();
    return noticeCard({
      title: t.templateRefusedTitle(file.name),
      text: `${describeHouseTemplateError(error, turn.language)} ${t.templateKept(current?.fileName)}`,
      tone: 'attention',
    });
  }
  const { replaced } = await storeHouseTemplate({ style, fileName: file.name, size: bytes.length, by }, deps);
  const { fromTemplate } = applyHouseStyle(style);
  services.log.info({ file: file.name, size: bytes.length, roles: fromTemplate }, 'house template stored');
  const roles: StyleRole[] = [
    'heading1',
    'heading2',
    'heading3',
    'footnoteText',
    'footnoteReference',
    'table',
  ];
  return noticeCard({
    title: t.templateStoredTitle(file.name),
    text: t.templateStoredText(replaced),
    facts: [
      ...roles.map((role) => ({
        title: t.templateRoles[role],
        value: fromTemplate.includes(role) ? t.templateFromFile : t.templatePlain,
      })),
      { title: t.templateRoles.theme, value: style.theme ? t.templateFromFile : t.templatePlain },
    ],
    tone: 'good',
  });
}
