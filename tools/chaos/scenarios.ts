// The chaos scenarios (issue table of DESIGN §7 `npm run chaos`): each injects its faults while
// the steady load runs; the runner then counts every acknowledged event at the receiver.
import { call } from '../bench/platform';
import { topicEndOffsets } from './accounting';
import type { ServiceName } from './platform';
import { sleep, type Scenario, type ScenarioContext } from './run-scenario';

const MAX_DUPLICATE_RATE = 0.01;

/** Creates a webhook on the receiver, retrying while the API answers 5xx; returns its id. */
async function createWebhook(ctx: ScenarioContext, name: string, path: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const webhook = await call(ctx.platform.gateway, ctx.apiKey, 'POST', '/v1/webhooks', { name, url: `${ctx.receiverUrl}${path}`, event_types: ['transfer.completed'], rate_limit_rps: 100 });
      return webhook.id as string;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

export const dispatcherKill: Scenario = {
  name: 'dispatcher kill -9',
  passCondition: `0 lost; duplicates each with their original webhook-id; duplicate rate < ${MAX_DUPLICATE_RATE * 100} %`,
  infra: {},
  runs: () => 1,
  async script(ctx) {
    const kills = ctx.options.quick ? 2 : 4;
    const total = ctx.options.quick ? 30 : 60;
    const segment = total / (kills + 1);
    const restartSeconds: number[] = [];
    ctx.details.restartReadySeconds = restartSeconds;
    const started = Date.now();
    for (let i = 1; i <= kills; i++) {
      // A random moment in the i-th segment of the run.
      const at = started + (i - 1 + 0.3 + Math.random() * 0.6) * segment * 1000;
      await sleep(Math.max(0, at - Date.now()));
      await ctx.platform.kill('dispatcher', 'SIGKILL');
      restartSeconds.push(await ctx.platform.restart('dispatcher'));
      ctx.lifted();
    }
    await sleep(Math.max(0, started + total * 1000 - Date.now()));
    ctx.details.kills = kills;
  },
  check(_ctx, delivered) {
    const rate = delivered.expected ? delivered.duplicated / delivered.expected : 0;
    _ctx.details.duplicateRate = Number(rate.toFixed(4));
    return rate < MAX_DUPLICATE_RATE ? [] : [`duplicate rate ${(rate * 100).toFixed(2)} % ≥ ${MAX_DUPLICATE_RATE * 100} %`];
  },
};

export const kafkaStop: Scenario = {
  name: 'Kafka broker stop/start',
  passCondition: 'nothing acknowledged that the broker did not store (topic end offsets ≥ acknowledged events); every acknowledged event delivered after the restart; a webhook created after the outage receives events',
  infra: { ownKafka: true },
  runs: (options) => (options.quick ? 1 : 3),
  async script(ctx) {
    const outage = ctx.options.quick ? 15 : 60;
    await ctx.hold(8);
    await ctx.infra.kafka!.stop('SIGTERM');
    await ctx.hold(outage);
    await ctx.infra.kafka!.start();
    ctx.lifted();
    await ctx.hold(15);
    // The routing view must have followed the change feed through the outage.
    const path = '/wh/after-outage';
    await createWebhook(ctx, 'chaos endpoint after outage', path);
    const deadline = Date.now() + 60_000;
    while (!(await ctx.received(path))) {
      if (Date.now() > deadline) {
        ctx.fail('a webhook created after the outage received no event within 60 s');
        break;
      }
      await ctx.load.publishOne({ probe: 'after-outage' });
      await sleep(1_000);
    }
    ctx.details.outageSeconds = outage;
  },
  async check(ctx) {
    const stored = await topicEndOffsets(ctx.infra.kafkaBrokers, `${ctx.topicPrefix}hookline.events.v1`);
    ctx.details.eventsTopicEndOffsets = stored;
    return stored >= ctx.load.acknowledged.size ? [] : [`events topic holds ${stored} records but ${ctx.load.acknowledged.size} events were acknowledged`];
  },
};

export const postgresKill: Scenario = {
  name: 'PostgreSQL kill (immediate)/start',
  passCondition: '0 acknowledged events lost; no process exits; every service ready again within 30 s of the database returning',
  infra: { ownPostgres: true },
  runs: (options) => (options.quick ? 1 : 3),
  async script(ctx) {
    const outage = ctx.options.quick ? 10 : 30;
    await ctx.hold(8);
    await ctx.infra.postgres!.stop('immediate');
    await ctx.hold(outage);
    await ctx.infra.postgres!.start();
    ctx.lifted();
    try {
      ctx.details.readyAfterSeconds = (await ctx.platform.waitAllReady(30_000)) / 1000;
    } catch (error) {
      ctx.fail(`not every service was ready 30 s after the database returned: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    await ctx.hold(10);
    ctx.details.outageSeconds = outage;
  },
};

export const killRegistryAuditGateway: Scenario = {
  name: 'kill -9 registry, audit, gateway',
  passCondition: '0 deliveries lost; the audit chain verifies; no change record missing (webhooks created after each restart)',
  infra: {},
  runs: () => 1,
  async script(ctx) {
    const created: string[] = [];
    for (const service of ['registry', 'audit', 'gateway'] as ServiceName[]) {
      await ctx.hold(6);
      await ctx.platform.kill(service, 'SIGKILL');
      ctx.details[`${service}RestartReadySeconds`] = await ctx.platform.restart(service);
      ctx.lifted();
      created.push(await createWebhook(ctx, `chaos after ${service} restart`, `/wh/after-${service}`));
    }
    await ctx.hold(6);
    ctx.details.webhooksCreated = created;
  },
  async check(ctx) {
    const failures: string[] = [];
    const created = (ctx.details.webhooksCreated as string[] | undefined) ?? [];
    for (const id of created) {
      const deadline = Date.now() + 30_000;
      let found = false;
      while (!found && Date.now() < deadline) {
        const page = await call(ctx.platform.gateway, ctx.apiKey, 'GET', `/v1/audit-logs?kind=change&resource_id=${id}`).catch(() => ({ data: [] }));
        found = (page.data as unknown[]).length > 0;
        if (!found) await sleep(1_000);
      }
      if (!found) failures.push(`no change record for webhook ${id}`);
    }
    const verdict = await call(ctx.platform.gateway, ctx.apiKey, 'GET', '/v1/audit-logs/verify').catch((error) => ({ valid: false, error: String(error) }));
    ctx.details.auditVerify = verdict;
    if (verdict.valid !== true) failures.push(`audit chain does not verify: ${JSON.stringify(verdict).slice(0, 300)}`);
    return failures;
  },
};

export const SCENARIOS: Scenario[] = [dispatcherKill, kafkaStop, postgresKill, killRegistryAuditGateway];
