import { commonEnv, port } from '@hookline/config';

export const auditEnv = {
  ...commonEnv,
  HOOKLINE_AUDIT_PORT: port(50054),
  HOOKLINE_AUDIT_OPS_PORT: port(8084),
};
