import { z } from 'zod';

/**
 * What the bot reads from an incoming activity, with the types the Bot Framework schema gives
 * them. Teams always sends these shapes; anything else (a test client, a stranger without
 * credentials in anonymous mode) is refused with 400 at the edge, so no handler meets an id that
 * is a number or a member list that is not a list. Fields the bot does not read may be anything.
 */
const account = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  aadObjectId: z.string().nullish(),
  role: z.string().nullish(),
});

/** botbuilder lower-cases every entity's type, and reads a mention's `mentioned.id` and `text`. */
const entity = z
  .looseObject({ type: z.string(), mentioned: account.optional(), text: z.string().optional() })
  .refine(
    (value) => value.type.toLowerCase() !== 'mention' || (value.mentioned && value.text !== undefined),
    {
      message: 'a mention names who and with which text',
    },
  );

const ACTIVITY = z
  .looseObject({
    type: z.string().min(1).max(100),
    id: z.string().nullish(),
    serviceUrl: z.url({ protocol: /^https?$/ }),
    channelId: z.string().nullish(),
    from: account,
    recipient: account,
    conversation: z.looseObject({
      id: z.string(),
      conversationType: z.string().nullish(),
      tenantId: z.string().nullish(),
      isGroup: z.boolean().nullish(),
      name: z.string().nullish(),
    }),
    membersAdded: z.array(account).optional(),
    membersRemoved: z.array(account).optional(),
    text: z.string().nullish(),
    locale: z.string().nullish(),
    name: z.string().nullish(),
    replyToId: z.string().nullish(),
    timestamp: z.string().nullish(),
    localTimestamp: z.string().nullish(),
    attachments: z.array(z.looseObject({ contentType: z.string().nullish() })).optional(),
    entities: z.array(entity).optional(),
    channelData: z
      .looseObject({
        tenant: z.looseObject({ id: z.string().nullish() }).nullish(),
        team: z.looseObject({ id: z.string().nullish() }).nullish(),
        channel: z.looseObject({ id: z.string().nullish() }).nullish(),
        eventType: z.string().nullish(),
      })
      .nullish(),
  })
  .refine(
    // Removing a mention from the text needs the text.
    (activity) =>
      !activity.entities?.some((e) => e.type.toLowerCase() === 'mention') ||
      typeof activity.text === 'string',
    { message: 'a message with a mention has text', path: ['text'] },
  );

/** The first thing wrong with `body` as a Bot Framework activity (a field path), or undefined. */
export function activityProblem(body: unknown): string | undefined {
  const result = ACTIVITY.safeParse(body);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return issue ? issue.path.map(String).join('.') || 'body' : 'body';
}
