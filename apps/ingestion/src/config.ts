import { commonEnv, port } from '@hookline/config';

export const ingestionEnv = {
  ...commonEnv,
  HOOKLINE_INGESTION_PORT: port(50052),
  HOOKLINE_INGESTION_OPS_PORT: port(8082),
};
