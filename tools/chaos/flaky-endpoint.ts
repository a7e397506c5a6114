// A customer's endpoint that can be down: `/down` answers 503 while down and 200 once up;
// every other path always answers 200. It remembers the event ids each path accepted.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';

export class FlakyEndpoint {
  down = true;
  /** Requests refused while down. */
  refused = 0;
  /** path → bodies accepted (parsed). */
  private readonly accepted = new Map<string, { id: string; data: Record<string, unknown> }[]>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FlakyEndpoint> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address() as { port: number };
    const endpoint = new FlakyEndpoint(server, `http://127.0.0.1:${address.port}`);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (req.url === '/down' && endpoint.down) {
          endpoint.refused++;
          res.writeHead(503).end();
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString()) as { id: string; data: Record<string, unknown> };
        const list = endpoint.accepted.get(req.url ?? '') ?? [];
        list.push(body);
        endpoint.accepted.set(req.url ?? '', list);
        res.writeHead(200).end();
      });
    });
    return endpoint;
  }

  /** Event ids accepted at `path`. */
  eventIds(path: string): Set<string> {
    return new Set((this.accepted.get(path) ?? []).map((body) => body.id));
  }

  /** `data` of every event accepted at `path`. */
  payloads(path: string): Record<string, unknown>[] {
    return (this.accepted.get(path) ?? []).map((body) => body.data);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
