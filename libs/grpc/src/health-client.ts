import { healthV1 } from '@hookline/proto';
import { createGrpcClient } from './client';
import type { TlsIdentity } from './trust/tls-identity';

/** True when the service at `address` answers grpc.health.v1 Check with SERVING in time. */
export async function isServing(address: string, tls: TlsIdentity, deadlineMs = 1_000): Promise<boolean> {
  const client = createGrpcClient(healthV1.HealthService, address, { tls, deadlineMs });
  try {
    const response = await client.check({ service: '' });
    return response.status === healthV1.HealthCheckResponse_ServingStatus.SERVING;
  } catch {
    return false;
  } finally {
    client.close();
  }
}
