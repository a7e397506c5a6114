import { NotFoundError } from '@hookline/errors';
import { bindService, startGrpcServer, type GrpcServiceBinding } from '@hookline/grpc';
import { createLogger } from '@hookline/logging';
import { registryV1 } from '@hookline/proto';
import { testTls } from '@hookline/testing';

/** The two registry RPCs ingestion calls, answered from sets a test controls. */
export interface FakeRegistry {
  address: string;
  organizations: Set<string>;
  eventTypes: Set<string>;
  /** Data schemas by type (types must also be in eventTypes); a change shows at ingestion's next catalog read. */
  schemas: Map<string, { schema: object; mode: 'enforce' | 'warn' | 'off'; version: number }>;
  /** How many catalog reads ingestion made (to observe caching). */
  catalogReads(): number;
  stop(): Promise<void>;
}

export async function startFakeRegistry(organizations: string[], eventTypes: string[]): Promise<FakeRegistry> {
  const orgs = new Set(organizations);
  const types = new Set(eventTypes);
  const schemas: FakeRegistry['schemas'] = new Map();
  let reads = 0;
  const handlers = {
    getOrganization: async (request: registryV1.GetOrganizationRequest): Promise<registryV1.Organization> => {
      if (!orgs.has(request.orgId)) throw new NotFoundError(`organization ${request.orgId} not found`, { param: 'org_id' });
      return { id: request.orgId, name: request.orgId, createdAt: new Date().toISOString() };
    },
    listEventTypes: async (): Promise<registryV1.ListEventTypesResponse> => {
      reads++;
      return {
        eventTypes: [...types].map((type) => {
          const schema = schemas.get(type);
          return { type, group: type.split('.')[0], name: type, description: '', schemaJson: schema ? JSON.stringify(schema.schema) : '', schemaMode: schema?.mode ?? 'off', schemaVersion: schema?.version ?? 0 };
        }),
      };
    },
  };
  const binding = bindService(registryV1.RegistryServiceService, handlers as never) as GrpcServiceBinding;
  const server = await startGrpcServer({ name: 'fake-registry', logger: createLogger('fake-registry', 'silent'), tls: testTls('registry'), services: [binding] }, 0, '127.0.0.1');
  return {
    address: `127.0.0.1:${server.port}`,
    organizations: orgs,
    eventTypes: types,
    schemas,
    catalogReads: () => reads,
    stop: () => server.shutdown(100),
  };
}
