import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

export interface CosmosProcess {
  readonly endpoint: string;
  readonly key: string;
  stop(): Promise<void>;
}

/**
 * Starts the local Cosmos server (127.0.0.1 only) in a process of its own and resolves with its
 * endpoint: in this process its query work would share the event loop and the heap with what is
 * measured, which a real Cosmos account never does. The server stops when this process does.
 */
export async function startCosmosProcess(): Promise<CosmosProcess> {
  const child = fork(join(__dirname, '..', 'local', 'cosmos-process.js'), {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const [line] = (await once(child.stdout ?? child, 'data')) as [Buffer];
  const { endpoint, key } = JSON.parse(line.toString()) as { endpoint: string; key: string };
  return {
    endpoint,
    key,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}
