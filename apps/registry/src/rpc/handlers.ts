import type { ServiceHandlers } from '@hookline/grpc';
import type { registryV1 } from '@hookline/proto';

/** The registry's gRPC surface; each rpc/*.ts file implements a slice of it. */
export type RegistryHandlers = ServiceHandlers<typeof registryV1.RegistryServiceService>;
