import { createGrpcClient, loadTlsIdentity, type GrpcClient, type TlsIdentity } from '@hookline/grpc';
import { auditV1, deadlettersV1, dispatcherV1, ingestionV1, registryV1 } from '@hookline/proto';
import type { Registry } from '@hookline/telemetry';
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
  /** The gateway's mutual-TLS identity (health checks use it too). */
  tls: TlsIdentity;
  close(): void;
}

/** The gateway's certificate: the only identity the services accept an end user's context from. */
export const loadGatewayTls = (config: GatewayConfig): TlsIdentity => loadTlsIdentity(config, 'gateway');

/** `metrics`: where every call's status and duration are observed (gRPC client RED metrics). */
export function createBackendClients(config: GatewayConfig, tls: TlsIdentity = loadGatewayTls(config), metrics?: Registry): BackendClients {
  const addresses = {
    registry: config.HOOKLINE_REGISTRY_ADDR,
    ingestion: config.HOOKLINE_INGESTION_ADDR,
    dispatcher: config.HOOKLINE_DISPATCHER_ADDR,
    audit: config.HOOKLINE_AUDIT_ADDR,
  };
  const clients = {
    registry: createGrpcClient(registryV1.RegistryServiceService, addresses.registry, { tls, metrics, peerName: 'registry' }),
    ingestion: createGrpcClient(ingestionV1.IngestionServiceService, addresses.ingestion, { tls, metrics, peerName: 'ingestion' }),
    dispatcher: createGrpcClient(dispatcherV1.DispatcherServiceService, addresses.dispatcher, { tls, metrics, peerName: 'dispatcher' }),
    audit: createGrpcClient(auditV1.AuditServiceService, addresses.audit, { tls, metrics, peerName: 'audit' }),
  };
  const deadLetters = {
    dispatcher: createGrpcClient(deadlettersV1.DeadLetterServiceService, addresses.dispatcher, { tls, metrics, peerName: 'dispatcher' }),
    ingestion: createGrpcClient(deadlettersV1.DeadLetterServiceService, addresses.ingestion, { tls, metrics, peerName: 'ingestion' }),
    audit: createGrpcClient(deadlettersV1.DeadLetterServiceService, addresses.audit, { tls, metrics, peerName: 'audit' }),
  };
  return {
    ...clients,
    deadLetters,
    addresses,
    tls,
    close: () => [...Object.values(clients), ...Object.values(deadLetters)].forEach((client) => client.close()),
  };
}
