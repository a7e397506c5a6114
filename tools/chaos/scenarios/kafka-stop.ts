import { topicEndOffsets } from '../accounting';
import { sleep, type Scenario } from '../scenario';
import { receiverWebhook } from './webhooks';

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
    const path = `${ctx.pathPrefix}/wh/after-outage`;
    await receiverWebhook(ctx, 'chaos endpoint after outage', path);
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
