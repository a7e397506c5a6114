import { commonEnv, port } from '@hookline/config';

export const registryEnv = {
  ...commonEnv,
  HOOKLINE_REGISTRY_PORT: port(50051),
  HOOKLINE_REGISTRY_OPS_PORT: port(8081),
};
