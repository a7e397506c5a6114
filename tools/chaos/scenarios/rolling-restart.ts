import type { ApiErrors } from '../load';
import type { ServiceName } from '../platform';
import type { Scenario } from '../scenario';

/** Services in the order an orchestrator rolls them (dependencies first). */
const ORDER: ServiceName[] = ['registry', 'audit', 'ingestion', 'dispatcher', 'gateway'];
/** After a service is ready again: time for clients to reconnect before errors count as steady-state ones. */
const SETTLE_SECONDS = 3;

const total = (errors: ApiErrors) => errors.rest5xx + errors.restNoAnswer + errors.grpc + errors.unexpected;
const combine = (a: ApiErrors, b: ApiErrors, sign: 1 | -1): ApiErrors => ({
  rest5xx: a.rest5xx + sign * b.rest5xx,
  restNoAnswer: a.restNoAnswer + sign * b.restNoAnswer,
  grpc: a.grpc + sign * b.grpc,
  unexpected: a.unexpected + sign * b.unexpected,
});

export const rollingRestart: Scenario = {
  name: 'rolling restart (SIGTERM each service in turn)',
  passCondition: '0 lost; API errors only while the service a call needs restarts (counted per service), none between restarts',
  infra: {},
  runs: () => 1,
  async script(ctx) {
    const perService: Record<string, { restartReadySeconds: number; errors: ApiErrors }> = {};
    let steady: ApiErrors = { rest5xx: 0, restNoAnswer: 0, grpc: 0, unexpected: 0 };
    for (const service of ORDER) {
      const before = { ...ctx.load.errors };
      await ctx.hold(ctx.options.quick ? 4 : 10);
      const atSignal = { ...ctx.load.errors };
      steady = combine(steady, combine(atSignal, before, -1), 1);
      await ctx.platform.kill(service, 'SIGTERM');
      const restartReadySeconds = await ctx.platform.restart(service);
      ctx.lifted();
      await ctx.hold(SETTLE_SECONDS);
      perService[service] = { restartReadySeconds, errors: combine({ ...ctx.load.errors }, atSignal, -1) };
    }
    const before = { ...ctx.load.errors };
    await ctx.hold(ctx.options.quick ? 4 : 10);
    steady = combine(steady, combine({ ...ctx.load.errors }, before, -1), 1);
    ctx.details.perService = perService;
    ctx.details.errorsBetweenRestarts = steady;
    if (total(steady) > 0) ctx.fail(`API errors between restarts, with every service ready: ${JSON.stringify(steady)}`);
  },
};
