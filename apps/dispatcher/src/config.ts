import { commonEnv, port } from '@hookline/config';

export const dispatcherEnv = {
  ...commonEnv,
  HOOKLINE_DISPATCHER_PORT: port(50053),
  HOOKLINE_DISPATCHER_OPS_PORT: port(8083),
};
