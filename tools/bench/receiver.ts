// A lean webhook receiver for the benchmark: answers 200 at once, timestamps each request,
// counts unique webhook-ids (deliveries) and, with `verify`, checks every signature with the
// standardwebhooks library as a customer would.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

export interface ReceiverStats {
  requests: number;
  unique: number;
  duplicates: number;
  verifyFailures: number;
  /** Receive time minus the event's `time` (ms), when latency sampling is on. */
  latencies: number[];
}

export interface Receiver {
  url: string;
  stats: ReceiverStats;
  /** Verify every request to a path with that path's signing secret (path → whsec_…). */
  verifyWith(secrets: Map<string, string>): void;
  /** Start/stop latency sampling (parses each body for the event time). */
  sampleLatency(on: boolean): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const seen = new Set<string>();
  const stats: ReceiverStats = { requests: 0, unique: 0, duplicates: 0, verifyFailures: 0, latencies: [] };
  let sampling = false;
  const verifiers = new Map<string, Webhook>();

  const handle = (req: IncomingMessage, body: string) => {
    const now = Date.now();
    stats.requests++;
    const id = req.headers['webhook-id'] as string;
    if (seen.has(id)) stats.duplicates++;
    else {
      seen.add(id);
      stats.unique++;
    }
    const verifier = verifiers.get(req.url ?? '');
    if (verifier) {
      try {
        verifier.verify(body, req.headers as Record<string, string>);
      } catch {
        stats.verifyFailures++;
      }
    }
    if (sampling) {
      const time = /"time":"([^"]+)"/.exec(body)?.[1];
      if (time) stats.latencies.push(now - Date.parse(time));
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, Buffer.concat(chunks).toString());
      res.writeHead(200, { 'content-length': '0' }).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    verifyWith: (secrets) => {
      for (const [path, secret] of secrets) verifiers.set(path, new Webhook(secret));
    },
    sampleLatency: (on) => {
      sampling = on;
    },
    reset: () => {
      seen.clear();
      Object.assign(stats, { requests: 0, unique: 0, duplicates: 0, verifyFailures: 0, latencies: [] });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
