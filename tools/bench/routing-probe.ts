import { events, publish, sleep, type Ingestion } from './publishing';
import type { Receiver } from './receiver';

/**
 * Publishes probe events (one per organization a round) until every webhook has received one:
 * the platform is routing. One probe is not enough — the dispatcher may not have learned of the
 * newest webhooks yet when it fans the first one out. Returns how many probe events it published.
 */
export async function waitUntilRouting(ingestion: Ingestion, orgIds: string[], receiver: Receiver, webhooks: number, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const probe = () => JSON.stringify({ probe: true });
  const perOrg = Math.max(1, Math.round(webhooks / orgIds.length));
  const baseUnique = receiver.stats.unique;
  let probes = 0;
  while (receiver.stats.paths < webhooks) {
    if (Date.now() > deadline) throw new Error(`only ${receiver.stats.paths}/${webhooks} webhooks received a probe event`);
    for (let first = 0; first < orgIds.length; first += 100) {
      probes += await publish(ingestion, events(orgIds, probe, first, Math.min(100, orgIds.length - first)));
    }
    // The next round only once this one is delivered, or once deliveries stop arriving for a
    // second (its events found webhooks the dispatcher did not know yet): with thousands of
    // webhooks a round a second would pile up faster than it drains.
    let seen = -1;
    let quietSince = Date.now();
    while (receiver.stats.paths < webhooks && receiver.stats.unique - baseUnique < probes * perOrg && Date.now() < deadline) {
      if (receiver.stats.unique !== seen) [seen, quietSince] = [receiver.stats.unique, Date.now()];
      else if (Date.now() - quietSince > 1_000) break;
      await sleep(50);
    }
  }
  // Let the last probes' other deliveries arrive, so they do not count in the first phase.
  const settle = Date.now() + 5_000;
  let last = -1;
  while (receiver.stats.unique !== last && Date.now() < settle) {
    last = receiver.stats.unique;
    await sleep(500);
  }
  return probes;
}
