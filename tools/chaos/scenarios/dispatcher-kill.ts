import { sleep, type Scenario } from '../scenario';

export const MAX_DUPLICATE_RATE = 0.01;

export const dispatcherKill: Scenario = {
  name: 'dispatcher kill -9',
  passCondition: `0 lost; duplicates each with their original webhook-id; duplicate rate < ${MAX_DUPLICATE_RATE * 100} %`,
  infra: {},
  // What a kill -9 sends twice is what was in flight (sent, not yet recorded): a few dozen per
  // kill whatever the run's size, so the run must be large enough for a rate to mean something.
  loadRate: (options) => Math.max(options.rate, 80),
  runs: () => 1,
  async script(ctx) {
    const kills = ctx.options.quick ? 2 : 4;
    const total = ctx.options.quick ? 40 : 60;
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
