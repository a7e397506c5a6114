// A lean webhook receiver for the benchmark: answers 200 at once, timestamps each request,
// counts unique webhook-ids (deliveries) and, with `verify`, checks every signature with the
// standardwebhooks library as a customer would. The server runs on a worker thread (see
// receiver-worker.ts); this is its handle on the main thread.
import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { COUNTER, type ReceiverCommand } from './receiver-worker';

export interface ReceiverStats {
  readonly requests: number;
  readonly unique: number;
  readonly duplicates: number;
  readonly verifyFailures: number;
  /** Distinct request paths seen (one per webhook). */
  readonly paths: number;
}

export interface Receiver {
  url: string;
  stats: ReceiverStats;
  /** Verify every request to a path with that path's signing secret (path → whsec_…). */
  verifyWith(secrets: Map<string, string>): void;
  /** Start/stop latency sampling (parses each body for the event time). */
  sampleLatency(on: boolean): void;
  /** Receive time minus the event's `time` (ms) of every request since the last call. */
  takeLatencies(): Promise<number[]>;
  /** Record the first arrival of every (path, event id) pair from now on (chaos accounting). */
  track(on: boolean): void;
  /** `path evt_…` → [first arrival (ms), arrivals of that pair under another webhook-id]. */
  takePairs(): Promise<Map<string, { at: number; conflicts: number }>>;
  /** While tracking: every request's arrival (ms) per path, duplicates included. */
  takeRequestTimes(): Promise<Map<string, number[]>>;
  reset(): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const shared = new SharedArrayBuffer(5 * Int32Array.BYTES_PER_ELEMENT);
  const counters = new Int32Array(shared);
  // The worker is TypeScript: load it through tsx's CommonJS hook, as the main thread is.
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(join(__dirname, 'receiver-worker.ts'))});`, {
    eval: true,
    workerData: { counters: shared },
  });
  const messages = new Map<string, ((message: any) => void)[]>();
  worker.on('message', (message: { kind: string }) => messages.get(message.kind)?.shift()?.(message));
  const next = (kind: string) =>
    new Promise<any>((resolve) => {
      const list = messages.get(kind) ?? [];
      list.push(resolve);
      messages.set(kind, list);
    });
  const send = (command: ReceiverCommand) => worker.postMessage(command);

  const listening = next('listening');
  const failed = once(worker, 'error').then(([error]) => Promise.reject(error));
  const { port } = await Promise.race([listening, failed]);
  const read = (index: number) => Atomics.load(counters, index);
  return {
    url: `http://127.0.0.1:${port}`,
    stats: {
      get requests() {
        return read(COUNTER.requests);
      },
      get unique() {
        return read(COUNTER.unique);
      },
      get duplicates() {
        return read(COUNTER.duplicates);
      },
      get verifyFailures() {
        return read(COUNTER.verifyFailures);
      },
      get paths() {
        return read(COUNTER.paths);
      },
    },
    verifyWith: (secrets) => send({ kind: 'verify', secrets: [...secrets] }),
    sampleLatency: (on) => send({ kind: 'sample', on }),
    takeLatencies: async () => {
      const answer = next('latencies');
      send({ kind: 'take-latencies' });
      return (await answer).latencies as number[];
    },
    track: (on) => send({ kind: 'track', on }),
    takePairs: async () => {
      const answer = next('pairs');
      send({ kind: 'take-pairs' });
      const list = (await answer).pairs as [string, number, number][];
      return new Map(list.map(([key, at, conflicts]) => [key, { at, conflicts }]));
    },
    takeRequestTimes: async () => {
      const answer = next('request-times');
      send({ kind: 'take-request-times' });
      return new Map((await answer).times as [string, number[]][]);
    },
    reset: () => send({ kind: 'reset' }),
    close: async () => {
      const closed = next('closed');
      send({ kind: 'close' });
      await closed;
      await worker.terminate();
    },
  };
}
