// A FAKE ingestion for dispatcher tests: a real gRPC Publish that produces protobuf Events to
// the real events topic, as ingestion does (key org id, traceparent header), and a real
// GetEventEnvelopes answering from what it published (its archive), which a test can make lag
// behind or fail.
import { randomUUID } from 'node:crypto';
import { UnavailableError } from '@hookline/errors';
import { bindService, startGrpcServer, type RunningGrpcServer } from '@hookline/grpc';
import { BatchingProducer, traceHeaders, type Kafka } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { eventsV1, ingestionV1 } from '@hookline/proto';
import { testTls } from '@hookline/testing';

export interface PublishOptions {
  isTest?: boolean;
  targetWebhookId?: string;
  traceparent?: string;
  /** The type's catalog group; defaults to its first segment, as the catalog does. */
  group?: string;
}

/** How GetEventEnvelopes answers: from the archive, as if nothing were archived yet, or UNAVAILABLE. */
export type ArchiveState = 'archived' | 'behind' | 'unavailable';

export class FakeIngestion {
  readonly published: eventsV1.Event[] = [];
  archive: ArchiveState = 'archived';
  /** The ids each GetEventEnvelopes asked for, in order. */
  readonly envelopeReads: string[][] = [];
  private server!: RunningGrpcServer;
  private producer!: BatchingProducer;
  private counter = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly eventsTopic: string,
    private readonly logger: Logger,
  ) {}

  get address(): string {
    return `127.0.0.1:${this.server.port}`;
  }

  async start(): Promise<void> {
    this.producer = new BatchingProducer(this.kafka);
    await this.producer.connect();
    const handlers = {
      publish: async (request: ingestionV1.PublishRequest): Promise<ingestionV1.PublishResponse> => {
        const event = await this.publish(request.orgId, request.type, JSON.parse(request.dataJson || '{}'), {
          isTest: request.isTest,
          targetWebhookId: request.targetWebhookId,
        });
        return { event: eventObject(event), duplicate: false };
      },
      getEventEnvelopes: async (request: ingestionV1.GetEventEnvelopesRequest): Promise<ingestionV1.GetEventEnvelopesResponse> => {
        this.envelopeReads.push(request.eventIds);
        if (this.archive === 'unavailable') throw new UnavailableError('the archive is unavailable');
        const wanted = new Set(request.eventIds);
        const events = this.archive === 'archived' ? this.published.filter((event) => wanted.has(event.id)).map(eventObject) : [];
        return { events, retainedSince: new Date(Date.now() - 30 * 86_400_000).toISOString() };
      },
    };
    this.server = await startGrpcServer(
      { name: 'fake-ingestion', logger: this.logger, tls: testTls('ingestion'), services: [bindService(ingestionV1.IngestionServiceService, handlers as never)] },
      0,
      '127.0.0.1',
    );
  }

  /** Publishes one event straight to Kafka (what Publish does once validated). */
  async publish(orgId: string, type: string, data: unknown, options: PublishOptions = {}): Promise<eventsV1.Event> {
    const [event] = await this.publishMany(orgId, type, [data], options);
    return event;
  }

  async publishMany(orgId: string, type: string, data: unknown[], options: PublishOptions = {}): Promise<eventsV1.Event[]> {
    const events = data.map((item) => ({
      id: `evt_${(++this.counter).toString().padStart(6, '0')}${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      orgId,
      type,
      source: 'hookline-test',
      time: new Date().toISOString(),
      isTest: options.isTest ?? false,
      dataJson: JSON.stringify(item),
      targetWebhookId: options.targetWebhookId ?? '',
      idempotencyKey: '',
      group: options.group ?? type.split('.')[0],
    }));
    this.published.push(...events);
    const headers = traceHeaders(options.traceparent ?? '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01') as Record<string, string>;
    for (let i = 0; i < events.length; i += 1_000) {
      await this.producer.send(
        this.eventsTopic,
        events.slice(i, i + 1_000).map((event) => ({ key: orgId, value: Buffer.from(eventsV1.Event.encode(event).finish()), headers })),
      );
    }
    return events;
  }

  async stop(): Promise<void> {
    await this.server.shutdown();
    await this.producer.disconnect();
  }
}

function eventObject(event: eventsV1.Event): ingestionV1.EventObject {
  return { id: event.id, orgId: event.orgId, type: event.type, source: event.source, time: event.time, isTest: event.isTest, dataJson: event.dataJson };
}
