// The raw baseline's two processes, so that neither shares an event loop (or a process) with
// the other or with the benchmark:
//   receiver                                   → prints {"url"}; serves until stdin closes, then
//                                                prints {"requests"} (what it answered)
//   sender <url> <payloadBytes> <conns> <secs> → prints the RawResult of one run
import { createInterface } from 'node:readline';
import { makeData } from './publishing';
import { runRawBaseline } from './raw-baseline';
import { startReceiver } from './receiver';

const print = (value: unknown) => process.stdout.write(JSON.stringify(value) + '\n');

/** The envelope the platform would send for a bench event of that size. */
export function rawEnvelope(payloadBytes: number): string {
  return JSON.stringify({ id: 'evt_raw', object: 'event', type: 'transfer.completed', source: 'hookline', time: new Date().toISOString(), is_test: false, data: JSON.parse(makeData(payloadBytes)(0)) });
}

async function main(role: string | undefined, args: string[]) {
  if (role === 'receiver') {
    const receiver = await startReceiver();
    print({ url: receiver.url });
    const stdin = createInterface({ input: process.stdin });
    await new Promise((resolve) => stdin.on('close', resolve));
    print({ requests: receiver.stats.requests });
    await receiver.close();
    return;
  }
  if (role === 'sender') {
    const [url, payloadBytes, concurrency, seconds] = args;
    print(await runRawBaseline(url, rawEnvelope(Number(payloadBytes)), Number(concurrency), Number(seconds)));
    return;
  }
  throw new Error(`unknown role ${role}`);
}

if (require.main === module) {
  main(process.argv[2], process.argv.slice(3)).then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
