// A FAKE registry for dispatcher tests: a real gRPC server implementing only the internal RPCs
// the dispatcher calls (ListLiveWebhooks, GetDeliveryConfig, DisableWebhook,
// RecordWebhookTriggers) and a real Kafka change feed, so the dispatcher is tested against its
// contract while the real registry is built in parallel.
import { NotFoundError } from '@hookline/errors';
import { bindService, startGrpcServer, type RunningGrpcServer } from '@hookline/grpc';
import { BatchingProducer, type Kafka } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { eventsV1, registryV1 } from '@hookline/proto';
import { generateSigningSecret } from '@hookline/signing';
import { testTls, uniqueSuffix } from '@hookline/testing';

/** The delivery config, plus the payload filter the live snapshot and the change feed carry. */
export type FakeWebhook = registryV1.DeliveryConfig & { filterJson?: string };

export class FakeRegistry {
  readonly webhooks = new Map<string, FakeWebhook>();
  readonly disabled: { webhookId: string; reason: string }[] = [];
  readonly triggers: registryV1.WebhookTrigger[] = [];
  private server!: RunningGrpcServer;
  private producer!: BatchingProducer;

  constructor(
    private readonly kafka: Kafka,
    private readonly changesTopic: string,
    private readonly logger: Logger,
  ) {}

  get address(): string {
    return `127.0.0.1:${this.server.port}`;
  }

  async start(): Promise<void> {
    this.producer = new BatchingProducer(this.kafka);
    await this.producer.connect();
    const handlers = {
      listLiveWebhooks: async () => ({
        webhooks: [...this.webhooks.values()].filter((w) => w.status !== 'deleted').map((w) => ({ webhookId: w.webhookId, orgId: w.orgId, status: w.status, eventTypes: w.eventTypes, version: w.version, filterJson: w.filterJson ?? '' })),
      }),
      getDeliveryConfig: async ({ webhookId }: registryV1.GetDeliveryConfigRequest) => {
        const webhook = this.webhooks.get(webhookId);
        if (!webhook || webhook.status === 'deleted') throw new NotFoundError(`webhook ${webhookId} not found`);
        return webhook;
      },
      disableWebhook: async ({ webhookId, reason }: registryV1.DisableWebhookRequest) => {
        const webhook = this.webhooks.get(webhookId);
        if (!webhook || webhook.status === 'disabled') return { changed: false };
        this.disabled.push({ webhookId, reason });
        await this.update(webhookId, { status: 'disabled' });
        return { changed: true };
      },
      recordWebhookTriggers: async ({ triggers }: registryV1.RecordWebhookTriggersRequest) => {
        this.triggers.push(...triggers);
        return {};
      },
    };
    this.server = await startGrpcServer(
      { name: 'fake-registry', logger: this.logger, tls: testTls('registry'), services: [bindService(registryV1.RegistryServiceService, handlers as never)] },
      0,
      '127.0.0.1',
    );
  }

  /** Creates an active webhook (hmac-sha256, fresh secret) and publishes its change. */
  async create(orgId: string, fields: Partial<FakeWebhook> & { url: string }, options: { announce?: boolean } = {}): Promise<FakeWebhook> {
    const webhook: FakeWebhook = {
      webhookId: `wh_${uniqueSuffix()}`,
      orgId,
      status: 'active',
      eventTypes: [],
      signatureScheme: 'hmac-sha256',
      signingKeys: [generateSigningSecret()],
      auth: undefined,
      rateLimitRps: 100,
      timeoutSeconds: 5,
      payload: 'full',
      retryScheduleSeconds: [],
      ordering: 'unordered',
      version: 1,
      ...fields,
    };
    this.webhooks.set(webhook.webhookId, webhook);
    // announce: false leaves the change feed silent (a webhook the dispatcher has not heard of yet).
    if (options.announce !== false) await this.publishChange(webhook, 'created');
    return webhook;
  }

  async update(webhookId: string, patch: Partial<FakeWebhook>): Promise<FakeWebhook> {
    const webhook = { ...this.webhooks.get(webhookId)!, ...patch };
    webhook.version += 1;
    this.webhooks.set(webhookId, webhook);
    await this.publishChange(webhook, 'updated');
    return webhook;
  }

  async delete(webhookId: string): Promise<void> {
    await this.update(webhookId, { status: 'deleted' });
    await this.publishChange(this.webhooks.get(webhookId)!, 'deleted');
  }

  private async publishChange(webhook: FakeWebhook, change: string): Promise<void> {
    const message: eventsV1.WebhookChange = {
      webhookId: webhook.webhookId,
      orgId: webhook.orgId,
      change,
      status: webhook.status,
      eventTypes: webhook.eventTypes,
      version: webhook.version,
      changedAt: new Date().toISOString(),
      filterJson: webhook.filterJson ?? '',
    };
    await this.producer.send(this.changesTopic, [{ key: webhook.webhookId, value: Buffer.from(eventsV1.WebhookChange.encode(message).finish()) }]);
  }

  async stop(): Promise<void> {
    await this.server.shutdown();
    await this.producer.disconnect();
  }
}
