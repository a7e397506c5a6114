import { sleep, type Scenario } from '../scenario';
import { rateLimitBreaches } from './rate-windows';

/** A webhook's rate limit is at most 100/s: the load stays under two thirds of it. */
const loadRate = (rate: number) => Math.min(rate, 60);
/** Half again the load's rate per webhook: the catch-up after the takeover runs at the limit. */
const rateLimit = (rate: number) => Math.ceil(loadRate(rate) * 1.5);

export const twoDispatchers: Scenario = {
  name: 'two dispatchers, kill -9 one',
  passCondition: "the survivor takes over the dead one's partitions; 0 lost; no one-second window at any webhook above its rate limit (1.5 × the load's rate, at most 60 events/s here)",
  infra: {},
  loadRate: (options) => loadRate(options.rate),
  webhookRateLimit: (options) => rateLimit(options.rate),
  runs: () => 1,
  async script(ctx) {
    const total = ctx.options.quick ? 30 : 60;
    await ctx.platform.addDispatcher();
    const started = Date.now();
    // A random moment in the middle of the run, once both instances share the partitions.
    await sleep((0.3 + Math.random() * 0.3) * total * 1000);
    await ctx.platform.kill('dispatcher-b', 'SIGKILL');
    ctx.lifted();
    ctx.details.killedAtSecond = Math.round((Date.now() - started) / 1000);
    await sleep(Math.max(0, started + total * 1000 - Date.now()));
  },
  async check(ctx) {
    const { breaches, busiest } = rateLimitBreaches(await ctx.requestTimes(), ctx.paths, rateLimit(ctx.options.rate));
    ctx.details.busiestSecondPerWebhook = busiest;
    return breaches;
  },
};
