import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Below this the kernel never hands out ports on its own; read from Linux, a usual default elsewhere. */
function ephemeralRangeStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return Number.isInteger(low) && low > 11_000 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

const handedOut = new Set<number>();

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A TCP port that was free a moment ago, for processes that cannot be told to use port 0.
 *
 * Picked below the kernel's ephemeral range: a port from that range (what `listen(0)` returns) can be
 * taken by any outgoing connection (a Kafka or PostgreSQL client's local port) between the moment it
 * is picked and the moment the service binds it, which failed a service start with EADDRINUSE. Below
 * the range only an explicit bind can take it.
 */
export async function freePort(): Promise<number> {
  const low = 10_000;
  const high = ephemeralRangeStart();
  for (let tries = 0; tries < 200; tries += 1) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free TCP port found between ${low} and ${high}`);
}
