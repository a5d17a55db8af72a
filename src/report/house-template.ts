import { unzipSync } from 'fflate';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { HouseStyle, Language } from '../domain/model';

/** A house template holds styles, a theme and perhaps a logo; 10 MB is far more than that. */
export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;
/** A big template's styles are some 300 kB; the stored document must stay under Cosmos' 2 MB. */
export const MAX_STYLES_BYTES = 1024 * 1024;
/** A theme larger than this is left out (the styles' own fonts and colours still apply). */
const MAX_THEME_BYTES = 256 * 1024;

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export type HouseTemplateProblem =
  'legacy-word' | 'too-large' | 'not-a-zip' | 'no-styles' | 'styles-too-large' | 'styles-not-xml';

/** A file that cannot serve as the house template, and why (a code for tests and logs). */
export class HouseTemplateError extends Error {
  constructor(readonly code: HouseTemplateProblem) {
    super(code);
    this.name = 'HouseTemplateError';
  }
}

/**
 * What the chapter takes from a Word template (.dotx or .docx): its styles, its theme (the fonts
 * and colours the styles name by role) when that stands on its own, and the table style it sets
 * as default. Nothing else is read: no text, images, macros or numbering. Throws
 * {@link HouseTemplateError} for anything that is not a usable Word file.
 */
export function readHouseTemplate(bytes: Uint8Array, fileName: string): HouseStyle {
  // The binary Word formats (.doc, .dot) are OLE compound files: D0 CF 11 E0.
  if (/\.(?:doc|dot)$/i.test(fileName) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new HouseTemplateError('legacy-word');
  }
  if (bytes.length > MAX_TEMPLATE_BYTES) throw new HouseTemplateError('too-large');
  if (!startsWith(bytes, [0x50, 0x4b])) throw new HouseTemplateError('not-a-zip');
  const wanted: Record<string, number> = {
    'word/styles.xml': MAX_STYLES_BYTES,
    'word/theme/theme1.xml': MAX_THEME_BYTES,
    'word/settings.xml': MAX_STYLES_BYTES,
  };
  let parts: Record<string, Uint8Array>;
  const declared = { stylesTooLarge: false };
  try {
    // Only the parts named above are inflated, and only when they say they are small enough;
    // a part that says less than it holds is cut off at what it said (and then is no XML).
    parts = unzipSync(bytes, {
      filter: (file) => {
        const limit = wanted[file.name];
        if (limit === undefined) return false;
        if (file.originalSize > limit) {
          if (file.name === 'word/styles.xml') declared.stylesTooLarge = true;
          return false;
        }
        return true;
      },
    });
  } catch {
    throw new HouseTemplateError('not-a-zip');
  }
  if (declared.stylesTooLarge) throw new HouseTemplateError('styles-too-large');
  const stylesBytes = parts['word/styles.xml'];
  if (!stylesBytes) throw new HouseTemplateError('no-styles');
  const styles = xmlText(stylesBytes);
  const root = styles === undefined ? undefined : rootOf(styles);
  if (!styles || root?.uri !== W || root.local !== 'styles') {
    throw new HouseTemplateError('styles-not-xml');
  }
  const theme = parts['word/theme/theme1.xml'] ? xmlText(parts['word/theme/theme1.xml']) : undefined;
  const settings = parts['word/settings.xml'] ? xmlText(parts['word/settings.xml']) : undefined;
  const defaultTableStyle = settings ? defaultTableStyleOf(settings) : undefined;
  return {
    styles,
    ...(theme && standsAlone(theme) ? { theme } : {}),
    ...(defaultTableStyle ? { defaultTableStyle } : {}),
  };
}

/** The refusal, for the person who sent the file; nothing stored has been replaced. */
export function describeHouseTemplateError(error: HouseTemplateError, language: Language): string {
  const nl = language === 'nl';
  switch (error.code) {
    case 'legacy-word':
      return nl
        ? 'Dit is een Word-bestand in het oude formaat (.doc of .dot). Open het in Word, sla het op als Word-sjabloon (.dotx) of Word-document (.docx) en stuur dat bestand.'
        : 'This is a Word file in the old format (.doc or .dot). Open it in Word, save it as a Word template (.dotx) or Word document (.docx), and send that file.';
    case 'too-large':
      return nl
        ? 'Het bestand is groter dan 10 MB. Een huisstijlsjabloon is veel kleiner: haal afbeeldingen en voorbeeldtekst eruit en stuur het opnieuw.'
        : 'The file is larger than 10 MB. A house template is much smaller: take out images and sample text and send it again.';
    case 'not-a-zip':
      return nl
        ? 'Dit is geen Word-document of Word-sjabloon (.docx of .dotx): het bestand is niet te openen.'
        : 'This is not a Word document or Word template (.docx or .dotx): the file cannot be opened.';
    case 'no-styles':
      return nl
        ? 'In dit bestand staan geen Word-opmaakprofielen (word/styles.xml ontbreekt): het is geen Word-document of Word-sjabloon.'
        : 'This file holds no Word styles (word/styles.xml is missing): it is not a Word document or Word template.';
    case 'styles-too-large':
      return nl
        ? 'De opmaakprofielen in dit bestand zijn groter dan 1 MB; zo groot is geen huisstijl. Sla het sjabloon in Word opnieuw op en stuur het nog eens.'
        : 'The styles in this file are larger than 1 MB; no house style is that large. Save the template again in Word and send it once more.';
    case 'styles-not-xml':
      return nl
        ? 'De opmaakprofielen in dit bestand zijn beschadigd en niet te lezen. Sla het sjabloon in Word opnieuw op en stuur het nog eens.'
        : 'The styles in this file are damaged and cannot be read. Save the template again in Word and send it once more.';
  }
}

/** The style ids the chapter's document.xml and footnotes.xml refer to. */
export interface ChapterStyleIds {
  readonly heading1: string;
  readonly heading2: string;
  readonly heading3: string;
  readonly footnoteText: string;
  readonly footnoteReference: string;
  /** The overview's table style; without one, the table draws its own borders. */
  readonly table?: string;
}

/** The ids of the styles the `docx` library writes, used when there is no house template. */
export const DEFAULT_STYLE_IDS: ChapterStyleIds = {
  heading1: 'Heading1',
  heading2: 'Heading2',
  heading3: 'Heading3',
  footnoteText: 'FootnoteText',
  footnoteReference: 'FootnoteReference',
};

/** Where each of the chapter's styles came from, for the coordinator's confirmation. */
export type StyleRole = keyof ChapterStyleIds;

export interface AppliedHouseStyle {
  /** The template's styles.xml, with a plain definition added for each style it lacks. */
  readonly styles: string;
  readonly ids: ChapterStyleIds;
  /** The roles the template has a style for; the others got the plain one. */
  readonly fromTemplate: readonly StyleRole[];
}

interface StyleEntry {
  readonly type: string;
  readonly id: string;
  readonly name: string;
  readonly isDefault: boolean;
}

/** The style names Word gives these roles in every language (the ids differ: Kop1, Titre1 …). */
const ROLE_NAMES: Record<Exclude<StyleRole, 'table'>, { name: string; type: string }> = {
  heading1: { name: 'heading 1', type: 'paragraph' },
  heading2: { name: 'heading 2', type: 'paragraph' },
  heading3: { name: 'heading 3', type: 'paragraph' },
  footnoteText: { name: 'footnote text', type: 'paragraph' },
  footnoteReference: { name: 'footnote reference', type: 'character' },
};

/**
 * The template's styles made ready for the chapter: each role (the headings, footnote text and
 * reference, the table) is found by its style *name*, which Word keeps in English whatever the
 * language ("heading 1" has the id "Kop1" in a Dutch template); a role the template has no style
 * for gets a plain definition added, so a footnote reference is still superscript. The table
 * takes the template's default table style (settings), else "Table Grid", else none.
 */
export function applyHouseStyle(house: HouseStyle): AppliedHouseStyle {
  const root = rootOf(house.styles);
  const entries = stylesOf(house.styles);
  const ids = new Set(entries.map((entry) => entry.id));
  const byName = (name: string, type: string) =>
    entries.find((entry) => entry.type === type && normalName(entry.name) === name);
  const normal =
    entries.find((entry) => entry.type === 'paragraph' && entry.isDefault) ?? byName('normal', 'paragraph');
  const added: string[] = [];
  const fromTemplate: StyleRole[] = [];
  const resolved = {} as Record<Exclude<StyleRole, 'table'>, string>;
  for (const [role, { name, type }] of Object.entries(ROLE_NAMES) as [
    Exclude<StyleRole, 'table'>,
    { name: string; type: string },
  ][]) {
    const found = byName(name, type);
    if (found) {
      resolved[role] = found.id;
      fromTemplate.push(role);
      continue;
    }
    const id = freeId(DEFAULT_STYLE_IDS[role], ids);
    ids.add(id);
    resolved[role] = id;
    added.push(plainStyle(role, id, normal?.id));
  }
  const table = tableStyleOf(entries, house.defaultTableStyle);
  if (table) fromTemplate.push('table');
  let styles = house.styles;
  if (added.length > 0 && root) {
    const close = styles.lastIndexOf(`</${root.name}`);
    // The added styles declare the prefix they use, whatever the template binds it to.
    const block = added.map((style) => style.replace('<w:style ', `<w:style xmlns:w="${W}" `)).join('');
    styles = close >= 0 ? styles.slice(0, close) + block + styles.slice(close) : styles;
  }
  return { styles, ids: { ...resolved, ...(table ? { table } : {}) }, fromTemplate };
}

function tableStyleOf(entries: readonly StyleEntry[], preferred: string | undefined): string | undefined {
  const tables = entries.filter((entry) => entry.type === 'table');
  const chosen = tables.find((entry) => entry.id === preferred);
  // "Normal Table" is the table without borders that every document has: not a house style.
  if (chosen && normalName(chosen.name) !== 'normal table') return chosen.id;
  return tables.find((entry) => normalName(entry.name) === 'table grid')?.id;
}

/** A plain definition of a role's style, close to what the chapter looks like without a template. */
function plainStyle(role: Exclude<StyleRole, 'table'>, id: string, normal: string | undefined): string {
  const ref = normal === undefined ? undefined : attributeText(normal);
  const basedOn = ref ? `<w:basedOn w:val="${ref}"/>` : '';
  const open = (type: string) =>
    `<w:style w:type="${type}" w:styleId="${id}"><w:name w:val="${ROLE_NAMES[role].name}"/>`;
  if (role === 'footnoteReference') {
    return `${open('character')}<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>`;
  }
  if (role === 'footnoteText') {
    return (
      `${open('paragraph')}${basedOn}<w:uiPriority w:val="99"/><w:unhideWhenUsed/>` +
      '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
    );
  }
  const level = Number(role.slice(-1));
  const size = [32, 26, 24][level - 1] ?? 24;
  return (
    `${open('paragraph')}${basedOn}${ref ? `<w:next w:val="${ref}"/>` : ''}<w:uiPriority w:val="9"/><w:qFormat/>` +
    `<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="${level - 1}"/></w:pPr>` +
    `<w:rPr><w:b/><w:bCs/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>`
  );
}

function attributeText(value: string): string {
  return value.replace(
    /[&<>"]/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character] ?? character,
  );
}

function freeId(preferred: string, taken: ReadonlySet<string>): string {
  let id = preferred;
  for (let n = 2; taken.has(id); n++) id = `${preferred}${n}`;
  return id;
}

/** Word writes built-in names in lower case ("heading 1"), other tools capitalised. */
function normalName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The styles directly under the root of styles.xml. */
function stylesOf(xml: string): StyleEntry[] {
  const entries: StyleEntry[] = [];
  let depth = 0;
  let current: { type: string; id: string; isDefault: boolean; name: string } | undefined;
  parse(xml, {
    open(tag) {
      depth++;
      if (depth === 2 && tag.uri === W && tag.local === 'style') {
        const isDefault = attribute(tag, W, 'default');
        current = {
          type: attribute(tag, W, 'type') ?? 'paragraph',
          id: attribute(tag, W, 'styleId') ?? '',
          isDefault: isDefault === '1' || isDefault === 'true' || isDefault === 'on',
          name: '',
        };
      } else if (depth === 3 && current && tag.uri === W && tag.local === 'name') {
        current.name = attribute(tag, W, 'val') ?? '';
      }
    },
    close() {
      if (depth === 2 && current) {
        if (current.id !== '') entries.push(current);
        current = undefined;
      }
      depth--;
    },
  });
  return entries;
}

function defaultTableStyleOf(settings: string): string | undefined {
  let found: string | undefined;
  try {
    parse(settings, {
      open(tag) {
        if (tag.uri === W && tag.local === 'defaultTableStyle') found = attribute(tag, W, 'val');
      },
    });
  } catch {
    return undefined;
  }
  return found;
}

/**
 * Whether the theme can be copied as it is: a drawing theme that points at no other part (an
 * image fill would need its relationship, which is not copied).
 */
function standsAlone(theme: string): boolean {
  let ok = rootOf(theme)?.uri === A;
  try {
    parse(theme, {
      open(tag) {
        if (Object.values(tag.attributes).some((attr) => attr.uri === R)) ok = false;
      },
    });
  } catch {
    return false;
  }
  return ok;
}

function rootOf(xml: string): SaxesTagNS | undefined {
  let root: SaxesTagNS | undefined;
  try {
    parse(xml, {
      open(tag) {
        root ??= tag;
      },
    });
  } catch {
    return undefined;
  }
  return root;
}

/**
 * A part as text, with its declaration saying UTF-8 (as it is written back), or undefined when
 * it is not well-formed XML. A document type declaration is refused: Office never writes one
 * and it is how entity expansion attacks start.
 */
function xmlText(bytes: Uint8Array): string | undefined {
  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  let text: string;
  try {
    text = new TextDecoder(utf16 ? (bytes[0] === 0xff ? 'utf-16le' : 'utf-16be') : 'utf-8', {
      fatal: true,
    }).decode(bytes);
  } catch {
    return undefined;
  }
  text = text.replace(/^\uFEFF/, '').replace(/^<\?xml[^?]*\?>/, '');
  text = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${text.replace(/^\s+/, '')}`;
  try {
    parse(text, {});
  } catch {
    return undefined;
  }
  return text;
}

interface Handlers {
  open?(tag: SaxesTagNS): void;
  /** Called for every element, self-closing ones too. */
  close?(): void;
}

/** A strict, namespace-aware parse; any error (or a DOCTYPE) throws. */
function parse(xml: string, handlers: Handlers): void {
  const parser = new SaxesParser({ xmlns: true });
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('doctype', () => {
    failure ??= new Error('DOCTYPE');
  });
  parser.on('opentag', (tag) => {
    handlers.open?.(tag);
  });
  parser.on('closetag', () => {
    handlers.close?.();
  });
  parser.write(xml).close();
  if (failure) throw failure;
}

function attribute(tag: SaxesTagNS, uri: string, local: string): string | undefined {
  return Object.values(tag.attributes).find((attr) => attr.uri === uri && attr.local === local)?.value;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}
