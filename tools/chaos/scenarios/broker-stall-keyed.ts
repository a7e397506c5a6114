import { KeyedLoad } from '../keyed-load';
import type { Scenario, ScenarioContext } from '../scenario';
import { readTopicEvents } from '../topic-events';

/** Each run's keyed publisher, from its script to its check. */
const keyedLoads = new WeakMap<ScenarioContext, KeyedLoad>();

/**
 * The broker process frozen (SIGSTOP, as a long GC pause or a partition looks) while a careful
 * publisher sends every event with its own Idempotency-Key and retries every answer that is not a
 * success with the same key: publishes in flight time out (503, gRPC UNAVAILABLE) and are stored
 * by the broker once it runs again, and their retries must not become second events.
 */
export const brokerStallKeyed: Scenario = {
  name: 'broker stall, keyed retries',
  passCondition:
    'every key acknowledged, with one event id in every answer; 0 keys with a second event on the events topic or at a webhook; every keyed event delivered to every webhook, none twice (no request repeats a webhook-id)',
  infra: { ownKafka: true },
  runs: () => 1,
  // The keyed publisher is the load that matters here; the steady unkeyed one only keeps traffic mixed.
  loadRate: (options) => Math.max(1, Math.round(options.rate / 5)),
  async script(ctx) {
    const stallSeconds = ctx.options.quick ? 10 : 20;
    const keyed = new KeyedLoad(
      { gateway: ctx.platform.gateway, apiKey: ctx.apiKey, orgId: ctx.orgId, ingestion: ctx.platform.ingestion },
      ctx.options.quick ? 20 : 40,
      `stall${Date.now().toString(36)}`,
    );
    keyedLoads.set(ctx, keyed);
    keyed.start();
    try {
      await ctx.hold(8);
      ctx.infra.kafka!.pause();
      try {
        await ctx.hold(stallSeconds);
      } finally {
        ctx.infra.kafka!.resume();
      }
      ctx.lifted();
      await ctx.hold(10);
    } finally {
      await keyed.stop();
    }
    // Every acknowledged key's event must reach every webhook: the runner counts them with the rest.
    for (const publish of keyed.publishes.values()) for (const id of publish.ids) ctx.load.acknowledged.set(id, publish.acknowledgedAt!);
    ctx.details.stallSeconds = stallSeconds;
  },
  async check(ctx, delivered) {
    const keyed = keyedLoads.get(ctx);
    if (!keyed) return ['the keyed publisher did not run'];
    const publishes = [...keyed.publishes.values()];
    const failures: string[] = [];

    const firstAnswers: Record<string, number> = {};
    for (const p of publishes) if (p.firstAnswer !== 'success') firstAnswers[`${p.via} ${p.firstAnswer}`] = (firstAnswers[`${p.via} ${p.firstAnswer}`] ?? 0) + 1;
    const unacknowledged = publishes.filter((p) => p.ids.size === 0);
    const answeredTwoIds = publishes.filter((p) => p.ids.size > 1);

    // What the broker stored: the key of every keyed record, and how many distinct events per key.
    const stored = await readTopicEvents(ctx.infra.kafkaBrokers, `${ctx.topicPrefix}hookline.events.v1`);
    const keyOfEvent = new Map<string, string>();
    const eventsOfKey = new Map<string, Set<string>>();
    let keyedRecords = 0;
    for (const record of stored) {
      const key = (JSON.parse(record.dataJson) as { key?: unknown }).key;
      if (typeof key !== 'string' || !keyed.publishes.has(key)) continue;
      keyedRecords++;
      keyOfEvent.set(record.id, key);
      eventsOfKey.set(key, (eventsOfKey.get(key) ?? new Set()).add(record.id));
    }
    const keysWithTwoEvents = [...eventsOfKey].filter(([, ids]) => ids.size > 1);

    // What the webhooks received: distinct events per (webhook, key).
    const arrivedPerWebhookKey = new Map<string, Set<string>>();
    for (const pair of delivered.arrivals.keys()) {
      const [path, eventId] = pair.split(' ');
      const key = keyOfEvent.get(eventId);
      if (key) arrivedPerWebhookKey.set(`${path} ${key}`, (arrivedPerWebhookKey.get(`${path} ${key}`) ?? new Set()).add(eventId));
    }
    const deliveredAsTwoEvents = [...arrivedPerWebhookKey.values()].filter((ids) => ids.size > 1).length;

    Object.assign(ctx.details, {
      keys: publishes.length,
      keysAcknowledged: publishes.length - unacknowledged.length,
      keysFirstTryRefused: publishes.filter((p) => p.firstAnswer !== 'success').length,
      firstTryRefusals: firstAnswers,
      tries: publishes.reduce((sum, p) => sum + p.tries, 0),
      keyedRecordsOnTopic: keyedRecords,
      keyedEventsOnTopic: keyOfEvent.size,
      recordsStoredTwice: keyedRecords - keyOfEvent.size,
      keysWithTwoEvents: keysWithTwoEvents.length,
      keysAnsweredWithTwoIds: answeredTwoIds.length,
      webhookKeyPairsWithTwoEvents: deliveredAsTwoEvents,
      redeliveries: delivered.duplicated,
    });
    if (unacknowledged.length) failures.push(`${unacknowledged.length} keys never acknowledged (e.g. ${unacknowledged[0].key}: ${unacknowledged[0].tries} tries)`);
    if (answeredTwoIds.length) failures.push(`${answeredTwoIds.length} keys answered with two event ids (e.g. ${answeredTwoIds[0].key})`);
    if (keysWithTwoEvents.length) failures.push(`${keysWithTwoEvents.length} keys became two events on the topic (e.g. ${keysWithTwoEvents[0][0]}: ${[...keysWithTwoEvents[0][1]].join(', ')})`);
    if (deliveredAsTwoEvents) failures.push(`${deliveredAsTwoEvents} (webhook, key) pairs received two events`);
    if (delivered.duplicated) failures.push(`${delivered.duplicated} requests repeated a webhook-id (an event delivered twice to one webhook)`);
    if (keyOfEvent.size < publishes.length - unacknowledged.length) failures.push(`only ${keyOfEvent.size} keyed events on the topic for ${publishes.length - unacknowledged.length} acknowledged keys`);
    return failures;
  },
};
