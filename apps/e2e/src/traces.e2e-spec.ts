import { callApi, Receiver, waitFor } from '@hookline/testing';
import { createLiveWebhook } from './support/customer';
import { startDeliveryStack, type DeliveryStack } from './support/delivery-stack';
import { OtlpReceiver, type CollectedSpan } from './support/otlp-receiver';

// Traces as an operator collects them: the services run from source exactly as `npm start` runs
// them (tracing started before their modules load), exporting OTLP to a loopback receiver.

const INTERNAL = 1;
const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;
const CONSUMER = 5;

let otlp: OtlpReceiver;
let stack: DeliveryStack;
let endpoint: Receiver;

beforeAll(async () => {
  otlp = await OtlpReceiver.start();
  stack = await startDeliveryStack({ retryScheduleSeconds: '1,1', env: otlp.env, startTimeoutMs: 180_000 });
  endpoint = await Receiver.start();
}, 600_000);

afterAll(async () => {
  await endpoint?.stop();
  await stack?.stop();
  await otlp?.stop();
}, 60_000);

const describeSpans = (spans: CollectedSpan[]) => spans.map((s) => `${s.service} ${s.kind} ${s.scope} ${s.name}`).join('\n');

describe('one trace from REST publish to the endpoint POST', () => {
  it('joins the gateway HTTP span, the gRPC call to ingestion, the Kafka produce (and the consume, by link), PostgreSQL and the POST to the endpoint', async () => {
    const org = await stack.createOrganization();
    await createLiveWebhook(stack, org.adminKey, endpoint);

    // Published as the README asks publishers to: with an idempotency key, which ingestion binds to
    // the event in PostgreSQL before producing — the database hop of this trace.
    const published = await callApi(stack.gatewayUrl, 'POST', '/v1/events', {
      key: org.adminKey,
      headers: { 'idempotency-key': `trace-${Date.now()}` },
      body: { type: 'transfer.completed', data: { transfer_id: 'tr_trace_1', amount: 10, currency: 'EUR' } },
    });
    expect(published.status).toBe(201);
    const eventId: string = published.body.id;
    const [delivered] = await waitFor(() => (endpoint.requestsForEvent(eventId).length ? endpoint.requestsForEvent(eventId) : undefined), {
      timeoutMs: 60_000,
      message: 'the endpoint to receive the event',
    });
    // The endpoint sees the trace it belongs to in its traceparent header.
    const traceId = String(delivered.headers.traceparent).split('-')[1];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    const has = (spans: CollectedSpan[], service: string, kind: number, test: (span: CollectedSpan) => boolean) =>
      spans.some((span) => span.service === service && span.kind === kind && test(span));
    const trace = await waitFor(
      () => {
        const spans = otlp.inTrace(traceId);
        const complete =
          has(spans, 'gateway', SERVER, (s) => s.scope.includes('http') && /POST/.test(s.name)) &&
          has(spans, 'gateway', CLIENT, (s) => s.scope.includes('grpc') && s.name.includes('IngestionService')) &&
          has(spans, 'ingestion', SERVER, (s) => s.scope.includes('grpc') && s.name.includes('IngestionService')) &&
          has(spans, 'ingestion', PRODUCER, (s) => s.scope.includes('kafkajs')) &&
          has(spans, 'dispatcher', INTERNAL, (s) => s.name === 'deliver') &&
          has(spans, 'dispatcher', CLIENT, (s) => /http|undici/.test(s.scope) && /POST/.test(s.name)) &&
          spans.some((s) => s.scope.includes('pg'));
        return complete ? spans : undefined;
      },
      { timeoutMs: 30_000, message: 'one trace with every hop' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- collected ---\n${describeSpans(otlp.inTrace(traceId))}`);
    });

    // The endpoint POST is a child in the same trace, not a new root; the dispatcher's Kafka
    // consumer span (a batch of many events' records) links to this trace rather than joining it.
    const post = trace.find((s) => s.service === 'dispatcher' && s.kind === CLIENT && /http|undici/.test(s.scope))!;
    expect(post.parentSpanId).not.toBe('');
    expect(otlp.spans.some((s) => s.service === 'dispatcher' && s.kind === CONSUMER && s.scope.includes('kafkajs') && (s.traceId === traceId || s.linkedTraceIds.includes(traceId)))).toBe(true);
    expect([...new Set(trace.map((s) => s.service))]).toEqual(expect.arrayContaining(['gateway', 'ingestion', 'dispatcher']));
  });
});
