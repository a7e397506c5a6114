import { call } from '../../bench/platform';
import type { ApiErrors } from '../load';
import { sleep, type Scenario, type ScenarioContext } from '../scenario';

const failedPublishes = (errors: ApiErrors) => errors.rest5xx + errors.restNoAnswer + errors.grpc + errors.unexpected;

/** The status a REST call answers with `key`. */
async function statusOf(ctx: ScenarioContext, key: string, method: string, path: string, body?: unknown): Promise<number> {
  const res = await fetch(`${ctx.platform.gateway}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  await res.text();
  return res.status;
}

/**
 * A developer key used, then revoked just before the outage: the revocation must have reached the
 * gateway (its requests refused) before the registry goes, so the outage starts with it revoked.
 */
async function revokeJustBefore(ctx: ScenarioContext): Promise<{ key: string; refusedAfterMs: number }> {
  const issued = await call(ctx.platform.gateway, ctx.platform.operatorKey, 'POST', `/v1/admin/organizations/${ctx.orgId}/api-keys`, { role: 'developer', owner: 'chaos-revoked' });
  const key: string = issued.key;
  // Its first use (the gateway learns it from the registry); a busy machine may answer 503 at first.
  let status = 0;
  for (let attempt = 0; attempt < 10 && status !== 200; attempt++) {
    if (attempt > 0) await sleep(1_000);
    status = await statusOf(ctx, key, 'GET', '/v1/session').catch(() => 0);
  }
  if (status !== 200) throw new Error(`the key to revoke did not work before its revocation (${status})`);
  await call(ctx.platform.gateway, ctx.apiKey, 'DELETE', `/v1/api-keys/${issued.id}`);
  const revokedAt = Date.now();
  // GET /v1/session asks nothing but authentication: its answer is the key's state at the gateway.
  while ((await statusOf(ctx, key, 'GET', '/v1/session')) !== 401) {
    if (Date.now() - revokedAt > 10_000) throw new Error('the revoked key was still accepted 10 s after its revocation');
    await sleep(20);
  }
  return { key, refusedAfterMs: Date.now() - revokedAt };
}

export const registryDown: Scenario = {
  name: 'registry down under load',
  passCondition:
    'the registry killed for 20 s (quick) / 60 s under the steady load: 0 failed publishes, 0 lost; reading events and deliveries answers 200 throughout; a key revoked just before the outage is refused (401) during it',
  infra: {},
  runs: () => 1,
  async script(ctx) {
    const outageSeconds = ctx.options.quick ? 20 : 60;
    // The load's key is in the gateway's credential cache once the load has run a moment.
    await ctx.hold(3);
    const revoked = await revokeJustBefore(ctx);
    ctx.details.revocationRefusedAfterMs = revoked.refusedAfterMs;
    const before = { ...ctx.load.errors };

    await ctx.platform.kill('registry', 'SIGKILL');
    const downAt = Date.now();
    const probes = { revokedAccepted: 0, revokedRefused: 0, revokedOther: 0, readsOk: 0, readsFailed: 0, readsRetriedAfter504: 0 };
    const readFailures: Record<string, number> = {};
    while (Date.now() - downAt < outageSeconds * 1000) {
      const status = await statusOf(ctx, revoked.key, 'POST', '/v1/events', { type: 'transfer.completed', data: { revoked: true } }).catch(() => 0);
      if (status === 401) probes.revokedRefused++;
      else if (status === 201) probes.revokedAccepted++;
      else probes.revokedOther++;
      for (const path of ['/v1/events?limit=5', '/v1/webhooks/events?limit=5']) {
        let read = await statusOf(ctx, ctx.apiKey, 'GET', path).catch(() => 0);
        // A deadline on a busy machine (the dispatcher or ingestion slow to answer) is retried once,
        // as a client would; a refusal because the registry is away is not.
        if (read === 504) {
          probes.readsRetriedAfter504++;
          read = await statusOf(ctx, ctx.apiKey, 'GET', path).catch(() => 0);
        }
        if (read === 200) probes.readsOk++;
        else {
          probes.readsFailed++;
          readFailures[`${path.split('?')[0]} ${read}`] = (readFailures[`${path.split('?')[0]} ${read}`] ?? 0) + 1;
        }
      }
      await sleep(500);
    }
    const during = { ...ctx.load.errors };
    ctx.details.restartReadySeconds = await ctx.platform.restart('registry');
    ctx.lifted();
    await ctx.hold(ctx.options.quick ? 5 : 10);

    ctx.details.outageSeconds = outageSeconds;
    ctx.details.probes = probes;
    ctx.details.readFailures = readFailures;
    ctx.details.failedPublishesDuringOutage = failedPublishes(during) - failedPublishes(before);
    ctx.details.failedPublishes = failedPublishes(ctx.load.errors);
    ctx.details.restRefusals = ctx.load.restRefusals;
    if (failedPublishes(ctx.load.errors) > 0) ctx.fail(`failed publishes: ${JSON.stringify(ctx.load.errors)}`);
    if (probes.revokedAccepted > 0 || probes.revokedOther > 0) {
      ctx.fail(`the key revoked before the outage was not refused during it: ${probes.revokedAccepted} accepted, ${probes.revokedOther} other answers`);
    }
    if (probes.revokedRefused === 0) ctx.fail('the revoked key was never tried during the outage');
    if (probes.readsFailed > 0) ctx.fail(`${probes.readsFailed} reads of events or deliveries failed during the outage: ${JSON.stringify(readFailures)}`);
  },
};
