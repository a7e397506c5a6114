// One run of one scenario: its infrastructure and platform, an organization whose webhooks all
// point at the receiver, the steady load while the scenario's faults happen, then the count.
import { call } from '../bench/platform';
import type { Receiver } from '../bench/receiver';
import { waitUntilRouting } from '../bench/routing-probe';
import { awaitDeliveries, recoverySeconds, type Delivered } from './accounting';
import { Load } from './load';
import type { ChaosOptions } from './options';
import type { InfraNeeds, Infrastructure } from './infrastructure';
import type { ChaosPlatform } from './platform';
import { say } from './say';
import type { Stage } from './stage';
import { sleep, type Scenario, type ScenarioContext } from './scenario';
import type { ScenarioResult } from './report';

let scenariosRun = 0;

/** Runs one scenario on `stage` (see stage.ts); its webhooks' paths are its own (`/s<n>/wh/<i>`). */
export async function runScenario(scenario: Scenario, run: number, options: ChaosOptions, receiver: Receiver, stage: Stage): Promise<ScenarioResult> {
  say(`${scenario.name} (run ${run}): starting`);
  const { infra, platform, topicPrefix } = stage;
  const exitsBefore = platform.unexpectedExits.length;
  const prefix = `/s${++scenariosRun}`;
  try {
    const created = await call(platform.gateway, platform.operatorKey, 'POST', '/v1/admin/organizations', { name: `Chaos ${Date.now()}` });
    const apiKey: string = created.api_key.key;
    const orgId: string = created.organization.id;
    const paths: string[] = [];
    for (let i = 0; i < options.webhooks; i++) {
      paths.push(`${prefix}/wh/${i}`);
      await call(platform.gateway, apiKey, 'POST', '/v1/webhooks', { name: `chaos endpoint ${i}`, url: `${receiver.url}${prefix}/wh/${i}`, event_types: ['transfer.completed'], rate_limit_rps: scenario.webhookRateLimit?.(options) ?? 100 });
    }
    receiver.reset();
    receiver.track(true);
    await waitUntilRouting(platform.ingestion, [orgId], receiver, options.webhooks);
    const rate = scenario.loadRate?.(options) ?? options.rate;
    say(`${scenario.name} (run ${run}): routing; load ${rate}/s`);

    const load = new Load({ gateway: platform.gateway, apiKey, orgId, ingestion: platform.ingestion }, rate);
    const lifts: number[] = [];
    const failures: string[] = [];
    const ctx: ScenarioContext = {
      infra,
      platform,
      load,
      options,
      topicPrefix,
      orgId,
      apiKey,
      receiverUrl: receiver.url,
      paths,
      pathPrefix: prefix,
      lifted: () => lifts.push(Date.now()),
      fail: (reason) => failures.push(reason),
      details: {},
      hold: (seconds) => sleep(seconds * 1000),
      requestTimes: () => receiver.takeRequestTimes(),
      received: async (path) => [...(await receiver.takePairs()).keys()].some((key) => key.startsWith(`${path} `)),
    };
    load.start();
    try {
      await scenario.script(ctx);
    } catch (error) {
      failures.push(`scenario script failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await load.stop();
    }
    say(`${scenario.name} (run ${run}): ${load.acknowledged.size} events acknowledged; waiting for deliveries`);
    const delivered = await awaitDeliveries(receiver, load.acknowledged.keys(), paths);
    if (delivered.lost > 0) failures.push(`${delivered.lost} acknowledged deliveries lost (e.g. ${delivered.lostSample.join(', ')})`);
    if (delivered.duplicatedWithNewId > 0) failures.push(`${delivered.duplicatedWithNewId} events reached a webhook under a second webhook-id`);
    if (load.errors.unexpected > 0) failures.push(`${load.errors.unexpected} publishes answered neither 201 nor 5xx`);
    for (const exit of platform.unexpectedExits.slice(exitsBefore)) failures.push(`${exit.service} exited by itself (${exit.how})`);
    failures.push(...((await scenario.check?.(ctx, delivered)) ?? []));
    const result: ScenarioResult = {
      scenario: scenario.name,
      run,
      passCondition: scenario.passCondition,
      passed: failures.length === 0,
      failures,
      acknowledgedEvents: load.acknowledged.size,
      expected: delivered.expected,
      received: delivered.received,
      lost: delivered.lost,
      duplicated: delivered.duplicated,
      duplicatedWithNewId: delivered.duplicatedWithNewId,
      apiErrors: load.errors,
      recoverySeconds: lifts.map((at) => recoverySeconds(at, load.acknowledged, delivered.arrivals)),
      details: { ...ctx.details, ...(failures.length ? { recentServiceErrors: platform.recentErrors() } : {}) },
    };
    say(`${scenario.name} (run ${run}): ${result.passed ? 'pass' : `FAIL: ${failures.join('; ')}`}`);
    return result;
  } finally {
    receiver.track(false);
  }
}
