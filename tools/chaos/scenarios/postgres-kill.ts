import type { Scenario } from '../scenario';

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
