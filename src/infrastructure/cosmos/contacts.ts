import type { Container } from '@azure/cosmos';
import { isEmailOwner, normaliseOwner, type Contact, type DigestChannel } from '../../domain/model';
import type { ContactRepository, DigestChannelRepository } from '../../domain/repositories';
import { isStatus, plain, point, query } from './cosmos-store';
import { ignoreNotFound, readItem } from './documents';

/**
 * Contacts live under their object id. A person's e-mail / UPN gets a small alias document in
 * the same container (id and partition key `email:<address>`, pointing at the object id), so
 * finding an owner the register names by e-mail is two point reads, never a cross-partition
 * query.
 */
export class CosmosContactRepository implements ContactRepository {
  constructor(private readonly container: Container) {}

  async get(userId: string): Promise<Contact | undefined> {
    const key = userId.toLowerCase();
    const found = await readItem<Contact & { id: string }>(this.container, key, key);
    if (!found || isAlias(found.value) || isDigestChannelList(found.value)) return undefined;
    const { id: _id, ...contact } = found.value;
    return contact;
  }

  async find(owner: string): Promise<Contact | undefined> {
    const wanted = normaliseOwner(owner);
    if (!isEmailOwner(wanted)) return this.get(wanted);
    const key = aliasKey(wanted);
    const alias = await readItem<EmailAlias>(this.container, key, key);
    if (!alias || !isAlias(alias.value)) return undefined;
    const contact = await this.get(alias.value.aliasOf);
    // An alias left behind by someone whose address moved to another person names nobody.
    return contact?.email === wanted ? contact : undefined;
  }

  /**
   * Two queries across the people's partitions (the references' documents, then the contacts the
   * e-mail aliases among them point at) instead of a point read or two per owner. A query across
   * partitions is kept off the hot paths (docs/data-model.md); opening a round, once or twice a
   * year, would otherwise make 300 point reads for 300 owners before it could answer.
   */
  async findMany(owners: readonly string[]): Promise<Map<string, Contact>> {
    const wanted = new Map(owners.map((owner) => [owner, normaliseOwner(owner)]));
    const keyOf = (reference: string) => (isEmailOwner(reference) ? aliasKey(reference) : reference);
    const documents = await this.readMany([...new Set([...wanted.values()].map(keyOf))]);
    const aliasTargets = [...documents.values()].flatMap((document) =>
      isAlias(document) && !documents.has(document.aliasOf.toLowerCase())
        ? [document.aliasOf.toLowerCase()]
        : [],
    );
    for (const [id, document] of await this.readMany([...new Set(aliasTargets)])) documents.set(id, document);

    const contactAt = (key: string): Contact | undefined => {
      const document = documents.get(key);
      if (!document || isAlias(document) || isDigestChannelList(document)) return undefined;
      const { id: _id, ...contact } = document;
      return contact;
    };
    const found = new Map<string, Contact>();
    for (const [owner, reference] of wanted) {
      let contact: Contact | undefined;
      if (!isEmailOwner(reference)) contact = contactAt(reference);
      else {
        const alias = documents.get(aliasKey(reference));
        const named = alias && isAlias(alias) ? contactAt(alias.aliasOf.toLowerCase()) : undefined;
        // As in find: an alias left behind by someone whose address moved names nobody.
        contact = named?.email === reference ? named : undefined;
      }
      if (contact) found.set(owner, contact);
    }
    return found;
  }

  /** The documents with these ids (every id is its own partition key), by id. */
  private async readMany(ids: readonly string[]): Promise<Map<string, StoredDocument>> {
    const documents = new Map<string, StoredDocument>();
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      const { resources } = await this.container.items
        .query<StoredDocument>(
          {
            query: 'SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id)',
            parameters: [{ name: '@ids', value: ids.slice(i, i + IDS_PER_QUERY) }],
          },
          { ...query(), maxItemCount: IDS_PER_QUERY },
        )
        .fetchAll();
      for (const resource of resources) documents.set(resource.id, plain(resource));
    }
    return documents;
  }

  async upsert(contact: Contact): Promise<void> {
    const writes: Promise<unknown>[] = [
      this.container.items.upsert({ id: contact.userId, ...contact }, point()),
    ];
    if (contact.email) {
      const key = aliasKey(contact.email);
      const alias: EmailAlias = { id: key, userId: key, aliasOf: contact.userId };
      writes.push(this.container.items.upsert(alias, point()));
    }
    await Promise.all(writes);
  }

  async remove(userId: string): Promise<void> {
    const contact = await this.get(userId);
    if (!contact) return;
    const key = contact.userId.toLowerCase();
    await ignoreNotFound(this.container.item(key, key).delete(point()));
    if (contact.email) {
      const alias = aliasKey(contact.email);
      await ignoreNotFound(this.container.item(alias, alias).delete(point()));
    }
  }
}

/** Ids in one query of findMany: a query's text stays well under Cosmos DB's limit. */
const IDS_PER_QUERY = 500;

/** What the contacts container holds: contacts, e-mail aliases and the digest channel list. */
type StoredDocument = (Contact & { readonly id: string }) | EmailAlias | DigestChannelList;

interface EmailAlias {
  readonly id: string;
  /** The container's partition key path is /userId; for an alias it holds the alias key. */
  readonly userId: string;
  readonly aliasOf: string;
}

function aliasKey(email: string): string {
  return `email:${email}`;
}

function isAlias(document: object): document is EmailAlias {
  return 'aliasOf' in document;
}

/** The list of digest channels, one document in the contacts container (see below). */
interface DigestChannelList {
  readonly id: typeof DIGEST_CHANNELS_KEY;
  readonly userId: typeof DIGEST_CHANNELS_KEY;
  readonly channels: readonly DigestChannel[];
}

const DIGEST_CHANNELS_KEY = 'digest-channels';

function isDigestChannelList(document: object): document is DigestChannelList {
  return 'channels' in document;
}

/** Attempts at a change of the digest channel list before giving up on concurrent writers. */
const LIST_CHANGE_ATTEMPTS = 5;

/**
 * The team channels that get the weekly digest, as one document in the contacts container, next
 * to the channels' own contacts (`channel:<id>`): planning reads it with one point read. Changes
 * are rare (a coordinator's command) and ETag-guarded, so two at once both land.
 */
export class CosmosDigestChannelRepository implements DigestChannelRepository {
  constructor(private readonly container: Container) {}

  async list(): Promise<DigestChannel[]> {
    const found = await readItem<DigestChannelList>(this.container, DIGEST_CHANNELS_KEY, DIGEST_CHANNELS_KEY);
    return [...(found?.value.channels ?? [])];
  }

  add(channel: DigestChannel): Promise<boolean> {
    return this.change((channels) =>
      channels.some((known) => known.channelId === channel.channelId) ? undefined : [...channels, channel],
    );
  }

  remove(channelId: string): Promise<boolean> {
    return this.change((channels) =>
      channels.some((known) => known.channelId === channelId)
        ? channels.filter((known) => known.channelId !== channelId)
        : undefined,
    );
  }

  /** Applies `next` to the stored list; false when it returns undefined (nothing to change). */
  private async change(
    next: (channels: readonly DigestChannel[]) => DigestChannel[] | undefined,
  ): Promise<boolean> {
    for (let attempt = 0; attempt < LIST_CHANGE_ATTEMPTS; attempt++) {
      const found = await readItem<DigestChannelList>(
        this.container,
        DIGEST_CHANNELS_KEY,
        DIGEST_CHANNELS_KEY,
      );
      const channels = next(found?.value.channels ?? []);
      if (!channels) return false;
      const list: DigestChannelList = { id: DIGEST_CHANNELS_KEY, userId: DIGEST_CHANNELS_KEY, channels };
      try {
        if (found) {
          await this.container
            .item(DIGEST_CHANNELS_KEY, DIGEST_CHANNELS_KEY)
            .replace(list, { ...point(), accessCondition: { type: 'IfMatch', condition: found.etag } });
        } else {
          await this.container.items.create(list, point());
        }
        return true;
      } catch (error) {
        // Another coordinator changed the list between our read and our write: read it again.
        if (!isStatus(error, 412) && !isStatus(error, 409)) throw error;
      }
    }
    throw new Error('the digest channel list kept changing; try again');
  }
}
