import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { NODE_FLAGS } from '../../src/node-flags';
import type { BenchBotInput, BenchBotMessage, BenchBotRequest, ServedRequest, StoreCall } from './bench-bot';

/** The path of the bare botbuilder bot, on the same server as the real one, in the bench's bot only. */
export const BARE_PATH = '/api/bare';

export interface BenchBotProcess {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly schedulerSecret: string;
  /** What the bot served and what its store client sent since the last call. */
  records(): Promise<{ readonly served: readonly ServedRequest[]; readonly store: readonly StoreCall[] }>;
  /** The CPU time the bot's process has used so far, user and system, in microseconds. */
  cpuMicros(): Promise<number>;
  /** Starts V8's sampling profiler in the bot. */
  startProfile(): Promise<void>;
  /** Stops it and writes what it sampled to `file` (a .cpuprofile, for Chrome's DevTools). */
  stopProfile(file: string): Promise<void>;
  /**
   * Posts an activity to `path` as Teams would, tagged with `tag` (as its `x-correlation-id`, which
   * the bot's records carry), and times it from sending to the whole answer.
   */
  post(
    path: string,
    tag: string,
    activity: Readonly<Record<string, unknown>>,
    token?: string,
  ): Promise<Answer>;
  /** Stops the bot gracefully (a CPU profile, if asked for, is written then). */
  stop(): Promise<void>;
}

export interface Answer {
  readonly ms: number;
  readonly status: number;
  readonly text: string;
}

/** Starts bench-bot.ts in a process of its own, with the bot's node flags. */
export async function startBenchBot(input: BenchBotInput): Promise<BenchBotProcess> {
  const child = fork(join(__dirname, 'bench-bot.js'), [JSON.stringify(input)], {
    execArgv: [...NODE_FLAGS],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<BenchBotMessage['type'], ((message: BenchBotMessage) => void)[]>();
  const next = <T extends BenchBotMessage['type']>(type: T) =>
    new Promise<Extract<BenchBotMessage, { type: T }>>((resolve) => {
      const queue = waiting.get(type) ?? [];
      queue.push(resolve as (message: BenchBotMessage) => void);
      waiting.set(type, queue);
    });
  child.on('message', (message: BenchBotMessage) => {
    waiting.get(message.type)?.shift()?.(message);
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => {
      reject(new Error(`the bench's bot exited (${code ?? 'signal'})`));
    });
  });
  exited.catch(() => undefined);
  const ask = async <T extends BenchBotMessage['type']>(request: BenchBotRequest, type: T) => {
    const answer = next(type);
    child.send(request);
    return Promise.race([answer, exited]);
  };

  const { port } = await Promise.race([next('listening'), exited]);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    schedulerSecret: input.schedulerSecret,
    records: async () => {
      const { served, store } = await ask({ type: 'records' }, 'records');
      return { served, store };
    },
    cpuMicros: async () => (await ask({ type: 'cpu' }, 'cpu')).cpuMicros,
    startProfile: async () => {
      await ask({ type: 'profile', action: 'start' }, 'profile');
    },
    stopProfile: async (file) => {
      await ask({ type: 'profile', action: 'stop', file }, 'profile');
    },
    post: async (path, tag, activity, token) => {
      const started = performance.now();
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-correlation-id': tag,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      return { ms: performance.now() - started, status: response.status, text };
    },
    stop: () => stop(child),
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.send({ type: 'stop' } satisfies BenchBotRequest);
  const timer = setTimeout(() => child.kill('SIGTERM'), 30_000);
  await exited;
  clearTimeout(timer);
}
