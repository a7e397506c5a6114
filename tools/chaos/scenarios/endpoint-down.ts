import { call } from '../../bench/platform';
import { FlakyEndpoint } from '../flaky-endpoint';
import { waitFor } from '@hookline/testing';
import type { Scenario, ScenarioContext } from '../scenario';
import { createWebhook } from './webhooks';

/** The compressed retry schedule of the endpoint that is down: every delivery fails within ~5 s. */
const SCHEDULE_SECONDS = [1, 1, 2];
const EXHAUSTED = 'hookline.delivery.exhausted';
/**
 * At most 50 events/s to the endpoint that is down: above that its lane backs up and the
 * dispatcher defers deliveries to a later time without an attempt (back-pressure, DESIGN §4),
 * which moves their exhaustion and recovery past this scenario's waits (seen at 80/s).
 */
const loadRate = (rate: number) => Math.min(rate, 50);

interface DownState {
  endpoint: FlakyEndpoint;
  webhookId: string;
  /** Events acknowledged from here on were routed to the endpoint that is down. */
  routedAt: number;
  /** Events acknowledged from `routedAt` up to here had their whole schedule while it was down. */
  exhaustedUpTo: number;
}
const states = new WeakMap<ScenarioContext, DownState>();

const ackedBetween = (ctx: ScenarioContext, from: number, to: number) => [...ctx.load.acknowledged].filter(([, at]) => at >= from && at <= to).map(([id]) => id);

export const endpointDown: Scenario = {
  name: 'endpoint down for its whole retry schedule, then recover',
  passCondition: 'every delivery to the endpoint that is down fails after its schedule and a hookline.delivery.exhausted event reports it; after recover, 100 % of its events delivered',
  infra: {},
  runs: () => 1,
  loadRate: (options) => loadRate(options.rate),
  async script(ctx) {
    const endpoint = await FlakyEndpoint.start();
    const createdAt = new Date(Date.now() - 1_000).toISOString();
    // Where the org hears about exhausted deliveries (always up).
    await createWebhook(ctx, { name: 'chaos exhausted-events watcher', url: `${endpoint.url}/exhausted`, eventTypes: [EXHAUSTED] });
    const webhookId = await createWebhook(ctx, { name: 'chaos endpoint down', url: `${endpoint.url}/down`, retryScheduleSeconds: SCHEDULE_SECONDS });
    await waitFor(() => endpoint.refused > 0, { timeoutMs: 30_000, intervalMs: 500, message: 'the endpoint that is down to be tried' });
    const state: DownState = { endpoint, webhookId, routedAt: Date.now(), exhaustedUpTo: 0 };
    states.set(ctx, state);

    await ctx.hold(ctx.options.quick ? 15 : 40);
    // Events acknowledged up to a whole schedule (and a margin) ago have failed for good by now.
    state.exhaustedUpTo = Date.now() - (SCHEDULE_SECONDS.reduce((a, b) => a + b, 0) + 3) * 1000;
    const mustExhaust = ackedBetween(ctx, state.routedAt, state.exhaustedUpTo);
    const reported = () => new Set(endpoint.payloads('/exhausted').filter((data) => data.webhook_id === webhookId).map((data) => String(data.event_id)));
    // Up to 3 minutes while reports keep arriving (they queue behind the load at the watcher's
    // rate limit); whatever is missing then is reported below.
    let seen = -1;
    let progressAt = Date.now();
    await waitFor(
      () => {
        const count = reported().size;
        if (count !== seen) [seen, progressAt] = [count, Date.now()];
        return mustExhaust.every((id) => reported().has(id)) || Date.now() - progressAt > 30_000;
      },
      { timeoutMs: 180_000, intervalMs: 500, message: 'an exhausted event for every delivery that failed' },
    ).catch(() => undefined);
    const missing = mustExhaust.filter((id) => !reported().has(id));
    if (missing.length > 0) ctx.fail(`${missing.length} of ${mustExhaust.length} failed deliveries reported no exhausted event (e.g. ${missing.slice(0, 3).join(', ')})`);
    const failed = await call(ctx.platform.gateway, ctx.apiKey, 'GET', `/v1/webhooks/events?webhook_id=${webhookId}&status=failed&limit=1`);
    ctx.details.failedListed = (failed.data as unknown[]).length > 0;
    if (!ctx.details.failedListed) ctx.fail('the deliveries API lists no failed delivery of the endpoint that was down');
    ctx.details.exhaustedReported = reported().size;
    ctx.details.refusedWhileDown = endpoint.refused;

    endpoint.down = false;
    ctx.lifted();
    const job = await call(ctx.platform.gateway, ctx.apiKey, 'POST', `/v1/webhooks/${webhookId}/recover`, { since: createdAt, until: new Date().toISOString() });
    ctx.details.recoverJob = job.id;
    await ctx.hold(5);
  },
  async check(ctx) {
    const state = states.get(ctx);
    if (!state) return ['the endpoint that is down was never set up'];
    try {
      const expected = ackedBetween(ctx, state.routedAt, Infinity);
      const got = () => state.endpoint.eventIds('/down');
      // Counted below when it times out.
      await waitFor(() => expected.every((id) => got().has(id)), { timeoutMs: 120_000, intervalMs: 500, message: 'every event at the recovered endpoint' }).catch(() => undefined);
      const missing = expected.filter((id) => !got().has(id));
      ctx.details.recoveredExpected = expected.length;
      ctx.details.recoveredReceived = expected.length - missing.length;
      return missing.length === 0 ? [] : [`${missing.length} of ${expected.length} events never reached the endpoint after recover (e.g. ${missing.slice(0, 3).join(', ')})`];
    } finally {
      await state.endpoint.close();
    }
  },
};
