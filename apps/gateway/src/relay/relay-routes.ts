import { z } from '@hookline/config';
import { InputError } from '@hookline/errors';
import { defineRoute } from '../http/route';
import { relayOutcomeBody, relayOutcomeSchema, relayRequestJson, relayRequestSchema } from './relay-json';

/** How long one pull towards the dispatcher waits for a request before the stream sends a keep-alive. */
const PULL_WAIT_MS = 15_000;
/** A pull's own deadline: its wait plus the dispatcher's round trip. */
const PULL_DEADLINE_MS = PULL_WAIT_MS + 10_000;

const id = (description: string) => z.string().min(1).max(100).describe(description);
const SEQUENCE = /^(0|[1-9][0-9]{0,14})$/;

/** `Last-Event-ID` (or `last_event_id`): the sequence of the last request the listener received. */
function resumeAfter(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  if (!SEQUENCE.test(raw)) throw new InputError('Last-Event-ID must be the sequence (a non-negative integer) of a received event', { code: 'last_event_id_invalid', param: 'last_event_id' });
  return Number(raw);
}

/**
 * The relay (`hookline listen`): a relay webhook's (`url: relay://<name>`) attempts reach the
 * developer's machine over one server-sent-events stream, and its local answers come back as the
 * attempts' outcomes. The gateway turns long pulls towards the dispatcher into the stream.
 */
export const relayRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/relay/stream',
    summary: 'Receive a relay webhook’s attempts (server-sent events)',
    description:
      'A `text/event-stream` of `delivery` events, one per attempt of a delivery to the relay webhook, whose data is a `RelayRequest` and whose id is its sequence: reconnect with `Last-Event-ID` to resume. Comments keep the connection alive. While a stream is open the webhook’s listener is connected; when it opens, deliveries left pending while none was are sent at once.',
    action: 'relay.stream',
    resourceType: 'relay',
    auth: 'api_key',
    role: 'developer',
    feature: 'never',
    query: z.strictObject({
      webhook_id: id('`wh_…` of a relay webhook (`url: relay://<name>`).'),
      last_event_id: z.string().max(20).optional().describe('As the `Last-Event-ID` header (which wins when both are sent).'),
    }),
    errorCodes: { last_event_id: 'last_event_id_invalid' },
    responses: { 200: { description: '`text/event-stream`; each `delivery` event’s data is a relay request.', schema: relayRequestSchema } },
    // The stream lasts as long as the listener; each pull has its own deadline.
    deadlineMs: Number.POSITIVE_INFINITY,
    handler: async ({ query, req, res, actor, context, clients, call }) => {
      let after = resumeAfter(req.get('last-event-id') ?? query.last_event_id);
      const pull = (waitMs: number, opening = false) =>
        clients.dispatcher.pullRelayRequests(
          { context, orgId: actor.orgId, webhookId: query.webhook_id, afterSequence: after, waitMs, opening },
          { ...call, deadline: undefined, deadlineMs: PULL_DEADLINE_MS },
        );
      // The opening pull (the listener connects) is made before anything is written, so a wrong
      // webhook gets a normal error answer.
      let { requests } = await pull(0, true);
      res.status(200).set({ 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
      res.flushHeaders();
      res.write('retry: 2000\n: connected\n\n');
      try {
        while (!res.destroyed && !call.signal.aborted) {
          for (const request of requests) {
            res.write(`id: ${request.sequence}\nevent: delivery\ndata: ${JSON.stringify(relayRequestJson(request))}\n\n`);
            after = request.sequence;
          }
          ({ requests } = await pull(PULL_WAIT_MS));
          if (requests.length === 0) res.write(': keep-alive\n\n');
        }
      } catch (error) {
        // Headers are out: the listener is told, and reconnects with its Last-Event-ID.
        if (!res.destroyed && !call.signal.aborted) res.write(`event: error\ndata: ${JSON.stringify({ message: 'the relay stream was interrupted; reconnect' })}\n\n`);
        void error;
      }
      res.end();
      return { status: 200 };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/relay/requests/:id/outcome',
    summary: 'Report the local answer to a relay request',
    description:
      'The listener’s local answer (status, headers, the first 16 KiB of the body, duration), or why none came (`error`), becomes the attempt’s outcome: 2xx delivers, anything else is a failed attempt retried on the webhook’s schedule.',
    action: 'relay.outcome',
    resourceType: 'relay',
    auth: 'api_key',
    role: 'developer',
    feature: 'never',
    params: z.strictObject({ id: id('`rrq_…`') }),
    body: relayOutcomeBody,
    responses: { 200: { description: 'Recorded as the attempt’s outcome.', schema: relayOutcomeSchema } },
    handler: async ({ params, body, actor, context, clients, call }) => {
      const recorded = await clients.dispatcher.reportRelayOutcome(
        {
          context,
          orgId: actor.orgId,
          requestId: params.id,
          responseStatus: body.status ?? 0,
          responseHeaders: body.headers ?? {},
          responseBody: body.body ?? '',
          durationMs: body.duration_ms,
          error: body.error ?? '',
        },
        call,
      );
      return { status: 200, body: { object: 'relay_outcome', request_id: recorded.requestId, delivery_id: recorded.deliveryId } };
    },
  }),
];
