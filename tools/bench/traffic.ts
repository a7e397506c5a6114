// Sets up a profile's organizations and webhooks on the receiver, through the public REST API
// as a customer would.
import type { Profile } from './profiles';
import { call, type Platform } from './platform';

/** Every bench webhook's rate limit: the public maximum (DESIGN §4), so webhooks × this caps a run. */
export const WEBHOOK_RATE_LIMIT_RPS = 100;

/** Requests in flight while setting up (thousands of webhooks for the scale run). */
const SETUP_CONCURRENCY = 8;

export interface ProfileSetup {
  orgIds: string[];
  webhooks: { id: string; orgId: string }[];
  /** receiver path → signing secret */
  secrets: Map<string, string>;
}

/** Runs `task(i)` for i in [0, count) with at most `limit` at a time. */
async function inTurn(count: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

/**
 * `profile.orgs` organizations, each with `profile.webhooksPerOrg` webhooks subscribed to the
 * bench's event type, at path `/<run>/<org>/<webhook>` of the receiver.
 */
export async function setUpProfile(platform: Platform, receiverUrl: string, profile: Profile, run: string): Promise<ProfileSetup> {
  const orgIds: string[] = new Array(profile.orgs);
  const webhooks: ProfileSetup['webhooks'] = [];
  const secrets = new Map<string, string>();
  await inTurn(profile.orgs, SETUP_CONCURRENCY, async (o) => {
    const created = await call(platform.gateway, platform.operatorKey, 'POST', '/v1/admin/organizations', { name: `Bench ${run} ${o}` });
    orgIds[o] = created.organization.id;
    const apiKey: string = created.api_key.key;
    for (let w = 0; w < profile.webhooksPerOrg; w++) {
      const path = `/${run}/${o}/${w}`;
      const webhook = await call(platform.gateway, apiKey, 'POST', '/v1/webhooks', {
        name: `bench endpoint ${o}.${w}`,
        url: `${receiverUrl}${path}`,
        event_types: ['transfer.completed'],
        rate_limit_rps: WEBHOOK_RATE_LIMIT_RPS,
        ...(profile.filter ? { filter: profile.filter } : {}),
      });
      webhooks.push({ id: webhook.id, orgId: created.organization.id });
      secrets.set(path, webhook.signing_secret);
    }
  });
  return { orgIds, webhooks, secrets };
}
