import type { Server } from '@grpc/grpc-js';
import { loadFileDescriptorSetFromBuffer, type PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { FILE_DESCRIPTOR_SET } from '@hookline/proto';

let packageDefinition: PackageDefinition | undefined;

/**
 * gRPC server reflection (grpc.reflection.v1 and v1alpha), so grpcurl, Postman and other
 * standard clients can list and describe `serviceNames` (and every message they use) without
 * a copy of the protos. The descriptors come from the FileDescriptorSet built with the code.
 */
export function addReflectionService(server: Server, serviceNames: string[]): void {
  packageDefinition ??= loadFileDescriptorSetFromBuffer(FILE_DESCRIPTOR_SET);
  new ReflectionService(packageDefinition as never, { services: serviceNames }).addToServer(server);
}
