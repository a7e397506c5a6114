import { newId } from '@hookline/ids';
import { cleanText } from '@hookline/contract';
import type { Pool } from 'pg';
import type { DeliveryTask } from '../model/delivery-task';
import { SendError } from '../deliver/attempt-error';
import { RESPONSE_BODY_LIMIT, type HttpResponse } from '../deliver/send';
import { answerOf, deleteRelayRequest, insertRelayRequest, listenerConnected } from './relay-store';

/** How often a waiting attempt looks for its answer. */
const ANSWER_POLL_MS = 150;

/**
 * The relay lane's "send" (`hookline listen`): instead of a POST, the attempt is stored as it would
 * be sent, and waits — within the webhook's timeout, like an HTTP exchange — for the listener to
 * report the local answer. Nothing connected is a failed attempt (`relay_offline`), no answer in
 * time a `timeout`: both go through the webhook's retry schedule like any failure, and a listener
 * that connects makes its pending deliveries due at once.
 */
export class RelayTransport {
  constructor(
    private readonly pool: Pool,
    private readonly pollMs = ANSWER_POLL_MS,
  ) {}

  async exchange(task: DeliveryTask, headers: Record<string, string>, body: Buffer, timeoutMs: number): Promise<HttpResponse> {
    if (!(await listenerConnected(this.pool, task.webhookId))) {
      throw new SendError('relay_offline', 'no hookline listen session is connected to this relay webhook');
    }
    const id = newId('rrq');
    const deadline = Date.now() + timeoutMs;
    await insertRelayRequest(this.pool, {
      id,
      orgId: task.orgId,
      webhookId: task.webhookId,
      deliveryId: task.deliveryId,
      eventType: task.eventType,
      attempt: task.attempt,
      headers,
      body: body.toString('utf8'),
      expiresAt: new Date(deadline),
    });
    try {
      for (;;) {
        const answer = await answerOf(this.pool, id);
        if (answer) {
          if (answer.responseStatus === 0) throw new SendError('connect', `the listener could not reach its local URL: ${cleanText(answer.error, 500)}`);
          return {
            status: answer.responseStatus,
            headers: answer.responseHeaders,
            body: cleanText(answer.responseBody).slice(0, RESPONSE_BODY_LIMIT),
            durationMs: answer.durationMs,
          };
        }
        if (Date.now() >= deadline) throw new SendError('timeout', `the hookline listen session did not answer within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(this.pollMs, Math.max(0, deadline - Date.now()))));
      }
    } finally {
      await deleteRelayRequest(this.pool, id, task.webhookId).catch(() => undefined);
    }
  }
}
