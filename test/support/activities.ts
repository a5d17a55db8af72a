import { randomUUID } from 'node:crypto';

export interface TestUser {
  readonly id: string;
  readonly aadObjectId: string;
  readonly name: string;
}

export const TENANT_ID = '11111111-2222-3333-4444-555555555555';

/** A Teams-shaped activity from `user` in their 1:1 chat, delivered through `serviceUrl`. */
export function activityFrom(
  user: TestUser,
  serviceUrl: string,
  fields: Record<string, unknown>,
  locale = 'nl-NL',
): Record<string, unknown> {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    locale,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: '28:bot-id', name: 'Stand van zaken' },
    conversation: { id: `personal-${user.id}`, conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    ...fields,
  };
}

export async function postActivity(
  botUrl: string,
  activity: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    // A new connection per request. fetch's pool counts a kept-alive socket's idle time on a
    // clock that only moves while the event loop turns, so on a busy machine (the server runs in
    // this process) it reused sockets the server had already closed after its 5 s keep-alive,
    // and the request failed with ECONNRESET. Keep-alive itself is tested in http-hardening.
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text for the assertion message.
  }
  return { status: response.status, body };
}

/** Presses a card's Action.Execute button: the invoke Teams sends for `verb` with `data`. */
export function executeAction(
  botUrl: string,
  user: TestUser,
  serviceUrl: string,
  verb: string,
  data: Record<string, unknown>,
): Promise<{ status: number; body: unknown }> {
  return postActivity(
    botUrl,
    activityFrom(user, serviceUrl, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data } },
    }),
  );
}
