import { Agent, buildConnector } from 'undici';
import { createGuardedLookup, guardConnector, type EgressAllowList, type HostResolver } from '@hookline/egress';

/**
 * The one undici Agent every webhook request (and OAuth2 token request) goes through:
 * keep-alive pools per origin, and SSRF-safe connect — the host is resolved, every answer must
 * be public or allow-listed, and the socket goes to exactly the address that was checked.
 */
export function createEgressAgent(allowList: EgressAllowList, resolve?: HostResolver): Agent {
  const lookup = createGuardedLookup(allowList, resolve ? { resolve } : {});
  return new Agent({
    connect: guardConnector(buildConnector({ lookup, timeout: 10_000 }), allowList),
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    // Per-webhook concurrency caps what one origin may use; this only bounds a shared origin.
    connections: 256,
  });
}
