// How the dispatcher routed first attempts: handed to its own sender in process, or through
// the deliveries topic (read from its Prometheus metrics).

export interface RouteCounts {
  local: number;
  topic: number;
}

export async function scrapeRoutes(metricsUrl: string | undefined): Promise<RouteCounts | null> {
  if (!metricsUrl) return null;
  try {
    const text = await (await fetch(metricsUrl)).text();
    const count = (route: string) => Number(new RegExp(`^hookline_fanned_out_deliveries_total\\{[^}]*route="${route}"[^}]*\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    return { local: count('local'), topic: count('topic') };
  } catch {
    return null;
  }
}

export function routesBetween(before: RouteCounts | null, after: RouteCounts | null): RouteCounts | null {
  return before && after ? { local: after.local - before.local, topic: after.topic - before.topic } : null;
}
