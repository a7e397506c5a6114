import { healthV1 } from '@hookline/proto';
import { createGrpcClient } from './client';
import type { TlsIdentity } from './trust/tls-identity';

/**
 * True when the service at `address` answers grpc.health.v1 Check with SERVING in time. With
 * `peerName` (e.g. `registry`) the server must present that identity, whatever the address (an IP
 * is not a TLS server name); without it the address's host name is checked.
 */
export async function isServing(address: string, tls: TlsIdentity, deadlineMs = 1_000, peerName?: string): Promise<boolean> {
  const client = createGrpcClient(healthV1.HealthService, address, { tls, deadlineMs, peerName });
  try {
    const response = await client.check({ service: '' });
    return response.status === healthV1.HealthCheckResponse_ServingStatus.SERVING;
  } catch {
    return false;
  } finally {
    client.close();
  }
}
