import { createGrpcClient, type GrpcClient } from '@hookline/grpc';
import { auditV1, deadlettersV1, dispatcherV1, ingestionV1, registryV1 } from '@hookline/proto';
import type { GatewayConfig } from './config';

/** One gRPC client per backing service; every call carries a deadline. */
export interface BackendClients {
  registry: GrpcClient<typeof registryV1.RegistryServiceService>;
  ingestion: GrpcClient<typeof ingestionV1.IngestionServiceService>;
  dispatcher: GrpcClient<typeof dispatcherV1.DispatcherServiceService>;
  audit: GrpcClient<typeof auditV1.AuditServiceService>;
  /** Every consuming service's dead letters (operator endpoints). */
  deadLetters: Record<'dispatcher' | 'ingestion' | 'audit', GrpcClient<typeof deadlettersV1.DeadLetterServiceService>>;
  addresses: Record<'registry' | 'ingestion' | 'dispatcher' | 'audit', string>;
  close(): void;
}

export function createBackendClients(config: GatewayConfig): BackendClients {
  const addresses = {
    registry: config.HOOKLINE_REGISTRY_ADDR,
    ingestion: config.HOOKLINE_INGESTION_ADDR,
    dispatcher: config.HOOKLINE_DISPATCHER_ADDR,
    audit: config.HOOKLINE_AUDIT_ADDR,
  };
  const clients = {
    registry: createGrpcClient(registryV1.RegistryServiceService, addresses.registry, { peerName: 'registry' }),
    ingestion: createGrpcClient(ingestionV1.IngestionServiceService, addresses.ingestion, { peerName: 'ingestion' }),
    dispatcher: createGrpcClient(dispatcherV1.DispatcherServiceService, addresses.dispatcher, { peerName: 'dispatcher' }),
    audit: createGrpcClient(auditV1.AuditServiceService, addresses.audit, { peerName: 'audit' }),
  };
  const deadLetters = {
    dispatcher: createGrpcClient(deadlettersV1.DeadLetterServiceService, addresses.dispatcher, { peerName: 'dispatcher' }),
    ingestion: createGrpcClient(deadlettersV1.DeadLetterServiceService, addresses.ingestion, { peerName: 'ingestion' }),
    audit: createGrpcClient(deadlettersV1.DeadLetterServiceService, addresses.audit, { peerName: 'audit' }),
  };
  return {
    ...clients,
    deadLetters,
    addresses,
    close: () => [...Object.values(clients), ...Object.values(deadLetters)].forEach((client) => client.close()),
  };
}
