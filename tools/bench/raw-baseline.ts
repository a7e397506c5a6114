// The ceiling for this machine: the same receiver and payloads, driven by a plain loop that
// HMAC-signs each payload and POSTs it with undici. No Kafka, no PostgreSQL, no fan-out.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Agent, request } from 'undici';

export interface RawResult {
  requests: number;
  seconds: number;
  perSecond: number;
}

export async function runRawBaseline(url: string, payload: string, concurrency: number, seconds: number): Promise<RawResult> {
  const secret = randomBytes(32);
  const agent = new Agent({ connections: concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
  const deadline = Date.now() + seconds * 1000;
  let sent = 0;
  let counter = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (Date.now() < deadline) {
      const id = `msg_${(counter++).toString(36)}`;
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = createHmac('sha256', secret).update(`${id}.${timestamp}.${payload}`).digest('base64');
      const res = await request(url, {
        method: 'POST',
        dispatcher: agent,
        body: payload,
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': `v1,${signature}`,
        },
      });
      await res.body.dump();
      if (res.statusCode === 200) sent++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  await agent.close();
  return { requests: sent, seconds: elapsed, perSecond: sent / elapsed };
}

export interface RawBaseline {
  /** Size of the event in the envelope signed and POSTed. */
  payloadBytes: number;
  /** The best run: the figure platform ÷ raw divides by. */
  best: RawResult & { concurrency: number };
  runs: (RawResult & { concurrency: number })[];
  /** Requests the receiver process answered over every run (a cross-check of the senders' count). */
  receiverRequests: number;
  /** False when a running platform (`--gateway`) shared the machine during the measurement. */
  platformStopped: boolean;
}

/** Spawns a role of raw-process.ts; `line()` hands back its next printed JSON line. */
function spawnRole(args: string[]): { child: ChildProcess; line: () => Promise<any> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'raw-process.ts'), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let taken = 0;
  let closed = false;
  const changed = new EventEmitter();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    changed.emit('change');
  });
  // 'close' comes after stdout has ended, so every line printed is in `lines` by then.
  child.on('close', () => {
    closed = true;
    changed.emit('change');
  });
  return {
    child,
    line: async () => {
      while (taken >= lines.length) {
        if (closed) throw new Error(`raw ${args[0]} process ended (${child.exitCode ?? child.signalCode}) without an answer`);
        await once(changed, 'change');
      }
      return JSON.parse(lines[taken++]);
    },
  };
}

/**
 * The honest ceiling of this machine: the receiver and the sign+POST loop as two processes of
 * their own (nothing else of the benchmark's running), one run per connection count, the best
 * reported. Called before the platform starts, so its services are not idling beside it.
 */
export async function measureRawBaseline(opts: { payloadBytes: number; concurrency: number[]; seconds: number; platformStopped: boolean }): Promise<RawBaseline> {
  const receiver = spawnRole(['receiver']);
  try {
    const { url } = await receiver.line();
    const runs: RawBaseline['runs'] = [];
    for (const concurrency of opts.concurrency) {
      const sender = spawnRole(['sender', `${url}/raw`, String(opts.payloadBytes), String(concurrency), String(opts.seconds)]);
      runs.push({ ...(await sender.line()), concurrency });
    }
    receiver.child.stdin!.end();
    const { requests } = await receiver.line();
    const best = runs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    return { payloadBytes: opts.payloadBytes, best, runs, receiverRequests: requests, platformStopped: opts.platformStopped };
  } finally {
    if (receiver.child.exitCode === null) receiver.child.kill();
  }
}
