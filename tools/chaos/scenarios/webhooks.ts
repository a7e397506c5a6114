// Webhooks the scenarios create while the load runs.
import { call } from '../../bench/platform';
import { sleep, type ScenarioContext } from '../scenario';

export interface WebhookSpec {
  name: string;
  url: string;
  eventTypes?: string[];
  rateLimitRps?: number;
  retryScheduleSeconds?: number[];
}

/** Creates a webhook, retrying while the API answers 5xx (a service may be restarting); returns its id. */
export async function createWebhook(ctx: ScenarioContext, spec: WebhookSpec): Promise<string> {
  const deadline = Date.now() + 60_000;
  const body = {
    name: spec.name,
    url: spec.url,
    event_types: spec.eventTypes ?? ['transfer.completed'],
    rate_limit_rps: spec.rateLimitRps ?? 100,
    ...(spec.retryScheduleSeconds ? { retry_schedule_seconds: spec.retryScheduleSeconds } : {}),
  };
  for (;;) {
    try {
      const webhook = await call(ctx.platform.gateway, ctx.apiKey, 'POST', '/v1/webhooks', body);
      return webhook.id as string;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

/** A webhook on the shared receiver at `path`, like the load's own. */
export const receiverWebhook = (ctx: ScenarioContext, name: string, path: string) => createWebhook(ctx, { name, url: `${ctx.receiverUrl}${path}` });
