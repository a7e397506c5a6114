import { createGrpcClient, type GrpcClient, type TlsIdentity } from '@hookline/grpc';
import { ingestionV1, registryV1 } from '@hookline/proto';
import type { Registry } from '@hookline/telemetry';

/** The registry: webhook snapshot, delivery configs (with secrets), triggers, disabling. */
export type RegistryClient = GrpcClient<typeof registryV1.RegistryServiceService>;
/** Ingestion: operational and test events are published through it like any other event. */
export type IngestionClient = GrpcClient<typeof ingestionV1.IngestionServiceService>;

export interface Peers {
  registry: RegistryClient;
  ingestion: IngestionClient;
}

/** The services the dispatcher calls, over mutual TLS with its own identity. */
export function connectPeers(addresses: { registry: string; ingestion: string }, tls: TlsIdentity, metrics?: Registry): Peers {
  return {
    registry: createGrpcClient(registryV1.RegistryServiceService, addresses.registry, { tls, metrics, peerName: 'registry' }),
    ingestion: createGrpcClient(ingestionV1.IngestionServiceService, addresses.ingestion, { tls, metrics, peerName: 'ingestion' }),
  };
}
