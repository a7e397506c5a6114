import { sleep, type Scenario } from '../scenario';

interface StopSummary {
  inFlight: number;
  unrecorded?: number;
}

/** The dispatcher's own account of its last stop: deliveries in flight at the signal, unrecorded at exit. */
function lastStop(lines: { service: string; line: string }[]): StopSummary | undefined {
  const mine = lines.filter((entry) => entry.service === 'dispatcher').map((entry) => JSON.parse(entry.line) as { msg: string; inFlight?: number; unrecorded?: number });
  const stopping = mine.filter((entry) => entry.msg === 'dispatcher stopping').at(-1);
  const stopped = mine.filter((entry) => entry.msg === 'dispatcher stopped').at(-1);
  return stopping ? { inFlight: stopping.inFlight ?? 0, unrecorded: stopped?.unrecorded } : undefined;
}

export const dispatcherSigterm: Scenario = {
  name: 'dispatcher SIGTERM mid-run',
  passCondition: '0 lost; duplicates no more than the deliveries in flight at the signal (the dispatcher logs that count when it stops)',
  infra: {},
  runs: () => 1,
  async script(ctx) {
    // The 10,000-delivery run (3,000 with --quick) at the load's rate, signalled halfway.
    const deliveries = ctx.options.quick ? 3_000 : 10_000;
    const total = Math.max(20, deliveries / (ctx.options.rate * ctx.options.webhooks));
    ctx.details.plannedDeliveries = deliveries;
    const started = Date.now();
    await sleep(total * 500);
    await ctx.platform.kill('dispatcher', 'SIGTERM');
    ctx.details.restartReadySeconds = await ctx.platform.restart('dispatcher');
    ctx.lifted();
    await sleep(Math.max(0, started + total * 1000 - Date.now()));
  },
  check(ctx, delivered) {
    const stop = lastStop(ctx.platform.watchedLines);
    ctx.details.inFlightAtSignal = stop?.inFlight ?? null;
    ctx.details.unrecordedAtExit = stop?.unrecorded ?? null;
    ctx.details.duplicates = delivered.duplicated;
    if (!stop) return ['the dispatcher did not log its stop (no "dispatcher stopping" line)'];
    if (stop.unrecorded === undefined) return ['the dispatcher did not finish its stop within its deadline (no "dispatcher stopped" line)'];
    return delivered.duplicated <= stop.inFlight ? [] : [`${delivered.duplicated} duplicates, more than the ${stop.inFlight} deliveries in flight at the signal`];
  },
};
