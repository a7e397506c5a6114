// The receiver's HTTP server, on its own thread so that neither the publishing loop nor the
// raw-baseline loop competes with it for an event loop. Counters live in shared memory (the
// main thread polls them); latency samples are handed over on request.
import { createServer, type IncomingMessage } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { Webhook } from 'standardwebhooks';

export const COUNTER = { requests: 0, unique: 1, duplicates: 2, verifyFailures: 3, paths: 4 } as const;

export type ReceiverCommand =
  | { kind: 'verify'; secrets: [string, string][] }
  | { kind: 'sample'; on: boolean }
  | { kind: 'take-latencies' }
  | { kind: 'track'; on: boolean }
  | { kind: 'take-pairs' }
  | { kind: 'take-request-times' }
  | { kind: 'reset' }
  | { kind: 'close' };

if (parentPort) {
  const port = parentPort;
  const counters = new Int32Array(workerData.counters as SharedArrayBuffer);
  const seen = new Set<string>();
  const verifiers = new Map<string, Webhook>();
  const paths = new Set<string>();
  let sampling = false;
  let latencies: number[] = [];
  // With `track`: the first arrival of each (path, event id) pair and the webhook-id it came
  // with, for the chaos suite's per-event accounting.
  let tracking = false;
  const pairs = new Map<string, { webhookId: string; at: number; conflicts: number }>();
  // With `track`: every request's arrival (ms) per path, duplicates included (rate-limit checks).
  const requestTimes = new Map<string, number[]>();

  const handle = (req: IncomingMessage, body: string) => {
    const now = Date.now();
    Atomics.add(counters, COUNTER.requests, 1);
    const id = req.headers['webhook-id'] as string;
    if (seen.has(id)) Atomics.add(counters, COUNTER.duplicates, 1);
    else {
      seen.add(id);
      Atomics.add(counters, COUNTER.unique, 1);
    }
    if (!paths.has(req.url ?? '')) {
      paths.add(req.url ?? '');
      Atomics.add(counters, COUNTER.paths, 1);
    }
    const verifier = verifiers.get(req.url ?? '');
    if (verifier) {
      try {
        verifier.verify(body, req.headers as Record<string, string>);
      } catch {
        Atomics.add(counters, COUNTER.verifyFailures, 1);
      }
    }
    if (tracking) {
      const eventId = /"id":"(evt_[^"]+)"/.exec(body)?.[1] ?? '';
      const key = `${req.url ?? ''} ${eventId}`;
      const known = pairs.get(key);
      if (!known) pairs.set(key, { webhookId: id, at: now, conflicts: 0 });
      else if (known.webhookId !== id) known.conflicts++;
      const times = requestTimes.get(req.url ?? '');
      if (times) times.push(now);
      else requestTimes.set(req.url ?? '', [now]);
    }
    if (sampling) {
      const time = /"time":"([^"]+)"/.exec(body)?.[1];
      if (time) latencies.push(now - Date.parse(time));
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, chunks.length === 1 ? chunks[0].toString() : Buffer.concat(chunks).toString());
      res.writeHead(200, { 'content-length': '0' }).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => port.postMessage({ kind: 'listening', port: (server.address() as { port: number }).port }));

  port.on('message', (command: ReceiverCommand) => {
    switch (command.kind) {
      case 'verify':
        for (const [path, secret] of command.secrets) verifiers.set(path, new Webhook(secret));
        break;
      case 'sample':
        sampling = command.on;
        break;
      case 'track':
        tracking = command.on;
        break;
      case 'take-pairs':
        port.postMessage({ kind: 'pairs', pairs: [...pairs].map(([key, v]) => [key, v.at, v.conflicts]) });
        break;
      case 'take-request-times':
        port.postMessage({ kind: 'request-times', times: [...requestTimes] });
        break;
      case 'take-latencies':
        port.postMessage({ kind: 'latencies', latencies });
        latencies = [];
        break;
      case 'reset':
        seen.clear();
        pairs.clear();
        requestTimes.clear();
        paths.clear();
        latencies = [];
        for (let i = 0; i < counters.length; i++) Atomics.store(counters, i, 0);
        break;
      case 'close':
        server.closeAllConnections();
        server.close(() => port.postMessage({ kind: 'closed' }));
        break;
    }
  });
}
