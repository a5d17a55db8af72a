import type { Outbound, OutboundResult } from './job-sender';

/**
 * Calls Teams once and classifies what came back: 403 (bot blocked or removed) and 404
 * (conversation gone) are permanent; anything else is tried again by a later tick.
 */
export const directOutbound: Outbound = {
  async send<T>(_conversationId: string, call: () => Promise<T>): Promise<OutboundResult<T>> {
    try {
      return { ok: true, value: await call() };
    } catch (error) {
      const status = (error as { statusCode?: unknown }).statusCode;
      if (status === 403) return { ok: false, permanent: true, reason: 'blocked' };
      if (status === 404) return { ok: false, permanent: true, reason: 'not-found' };
      return { ok: false, permanent: false, reason: typeof status === 'number' ? `http-${status}` : 'error' };
    }
  },
};
