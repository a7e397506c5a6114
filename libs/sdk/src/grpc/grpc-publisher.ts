import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PeerCertificate } from 'node:tls';
import { credentials, loadPackageDefinition, Metadata, status, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { generateIdempotencyKey, checkIdempotencyKey } from '../client/idempotency-key';
import { backoffMs, sleep } from '../client/retry-policy';

export interface GrpcPublisherOptions {
  /** The ingestion service, `host:port`. */
  address: string;
  /** A publisher certificate from the deployment CA (`npm run certs -- publisher <name> <orgs>`). */
  tls: { ca: Buffer | string; cert: Buffer | string; key: Buffer | string };
  /** The identity the ingestion service's certificate must name (default `ingestion`), whatever the address. */
  serverName?: string;
  /** Deadline of each call (default 10 s). */
  deadlineMs?: number;
  /** Attempts in all for UNAVAILABLE, RESOURCE_EXHAUSTED and DEADLINE_EXCEEDED (default 5). */
  attempts?: number;
}

export interface GrpcPublishInput {
  orgId: string;
  type: string;
  data: Record<string, unknown>;
  /** Generated when omitted; every retry of this publish reuses it. */
  idempotencyKey?: string;
  isTest?: boolean;
}

export interface PublishedEvent {
  id: string;
  orgId: string;
  type: string;
  source: string;
  time: string;
  isTest: boolean;
  data: Record<string, unknown>;
  /** True when the key matched an earlier event: nothing new was published. */
  duplicate: boolean;
}

const RETRYABLE = new Set<number>([status.UNAVAILABLE, status.RESOURCE_EXHAUSTED, status.DEADLINE_EXCEEDED]);

/** Where the protos are: beside the built package, or in the repository when run from source. */
function protoRoot(): string {
  const candidates = [join(__dirname, '../../proto'), join(__dirname, '../../../../proto')];
  const found = candidates.find((dir) => existsSync(join(dir, 'hookline/ingestion/v1/ingestion.proto')));
  if (!found) throw new Error(`hookline/ingestion/v1/ingestion.proto not found in ${candidates.join(' or ')}`);
  return found;
}

interface IngestionClient extends Client {
  publish(request: object, metadata: Metadata, options: { deadline: number }, callback: (error: ServiceError | null, response?: any) => void): void;
}

/**
 * Publishes events to the ingestion service over gRPC with mutual TLS, as internal services do:
 * an answer means Kafka has the event. Retries with the same idempotency key, so a retry after a
 * timeout never publishes twice.
 */
export class GrpcPublisher {
  private readonly client: IngestionClient;

  constructor(private readonly options: GrpcPublisherOptions) {
    const definition = loadSync('hookline/ingestion/v1/ingestion.proto', { includeDirs: [protoRoot()], longs: String, defaults: true, oneofs: true });
    const hookline = loadPackageDefinition(definition).hookline as any;
    const serverName = options.serverName ?? 'ingestion';
    const tls = options.tls;
    // Every service's certificate comes from the same CA: only the name tells ingestion from another service.
    const channel = credentials.createSsl(Buffer.from(tls.ca), Buffer.from(tls.key), Buffer.from(tls.cert), {
      checkServerIdentity: (host: string, certificate: PeerCertificate) =>
        certificate.subject?.CN === serverName
          ? undefined
          : Object.assign(new Error(`the server at ${host} presents the identity "${String(certificate.subject?.CN)}", not "${serverName}"`), { reason: 'identity mismatch', host, cert: certificate }),
    });
    this.client = new hookline.ingestion.v1.IngestionService(options.address, channel, { 'grpc.ssl_target_name_override': serverName });
  }

  async publish(input: GrpcPublishInput): Promise<PublishedEvent> {
    const idempotencyKey = checkIdempotencyKey(input.idempotencyKey ?? generateIdempotencyKey());
    const request = { orgId: input.orgId, type: input.type, dataJson: JSON.stringify(input.data), idempotencyKey, isTest: input.isTest ?? false };
    const attempts = this.options.attempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.call(request);
        const event = response.event;
        return { id: event.id, orgId: event.orgId, type: event.type, source: event.source, time: event.time, isTest: event.isTest, data: JSON.parse(event.dataJson), duplicate: response.duplicate };
      } catch (error) {
        const busy = keyBusyRetryAfterMs(error as ServiceError);
        if ((!RETRYABLE.has((error as ServiceError).code) && busy === undefined) || attempt >= attempts) throw error;
        await sleep(Math.max(backoffMs(attempt, { baseDelayMs: 200, maxDelayMs: 5_000 }), busy ?? 0));
      }
    }
  }

  close(): void {
    this.client.close();
  }

  private call(request: object): Promise<any> {
    return new Promise((resolve, reject) => {
      this.client.publish(request, new Metadata(), { deadline: Date.now() + (this.options.deadlineMs ?? 10_000) }, (error, response) => (error ? reject(error) : resolve(response)));
    });
  }
}

/**
 * `ALREADY_EXISTS` `idempotency_key_in_use`: an earlier try with this key is still being stored;
 * the delay it asks for (ms), from the `hookline-error` trailer. Undefined for any other error
 * (`idempotency_key_reused` is final).
 */
function keyBusyRetryAfterMs(error: ServiceError): number | undefined {
  if (error.code !== status.ALREADY_EXISTS) return undefined;
  try {
    const trailer = JSON.parse(String(error.metadata?.get('hookline-error')[0] ?? '{}')) as { code?: string; details?: { retry_after_seconds?: unknown } };
    if (trailer.code !== 'idempotency_key_in_use') return undefined;
    const seconds = trailer.details?.retry_after_seconds;
    return typeof seconds === 'number' && seconds > 0 ? Math.min(seconds, 60) * 1000 : 0;
  } catch {
    return undefined;
  }
}
