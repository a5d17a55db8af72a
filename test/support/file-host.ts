import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stands in for SharePoint / OneDrive, where Teams keeps a file a user sends the bot: files by
 * path on 127.0.0.1, or an answer the test chooses, counting every request that reaches it.
 */
export class FileHost {
  requests: string[] = [];
  readonly files = new Map<string, Buffer>();
  answer: (path: string, res: ServerResponse) => void = (path, res) => {
    const file = this.files.get(path);
    if (file) res.end(file);
    else {
      res.writeHead(404);
      res.end();
    }
  };
  private readonly server: Server = createServer((req, res) => {
    this.requests.push(req.url ?? '');
    this.answer(req.url ?? '', res);
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Serves `bytes` under a fresh path, as Teams gives a fresh link per file, and returns its URL. */
  put(name: string, bytes: Buffer): string {
    const path = `/personal/${this.files.size + 1}/${encodeURIComponent(name)}?tempauth=x`;
    this.files.set(path, bytes);
    return this.base + path;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
