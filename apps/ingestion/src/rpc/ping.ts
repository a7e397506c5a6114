import type { commonV1 } from '@hookline/proto';

export async function ping(request: commonV1.PingRequest): Promise<commonV1.PingResponse> {
  return { message: request.message, service: 'ingestion' };
}
