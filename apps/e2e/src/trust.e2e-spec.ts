import { join } from 'node:path';
import { spawnService, testTls, testTlsDir, type ServiceName } from '@hookline/testing';

describe('service identity at start', () => {
  it.each<ServiceName>(['registry', 'ingestion', 'dispatcher', 'audit', 'gateway'])(
    '%s started with another service’s certificate exits non-zero naming the variable',
    async (service) => {
      testTls('gateway'); // the certificates exist
      const other = service === 'audit' ? 'registry' : 'audit';
      const proc = spawnService(service, {
        HOOKLINE_TLS_CERT: join(testTlsDir, `${other}.crt`),
        HOOKLINE_TLS_KEY: join(testTlsDir, `${other}.key`),
        HOOKLINE_OPERATOR_KEY: 'x'.repeat(32),
        HOOKLINE_MASTER_KEY: 'ab'.repeat(32),
        HOOKLINE_REGISTRY_PORT: '0',
        HOOKLINE_REGISTRY_OPS_PORT: '0',
        HOOKLINE_INGESTION_PORT: '0',
        HOOKLINE_INGESTION_OPS_PORT: '0',
        HOOKLINE_DISPATCHER_PORT: '0',
        HOOKLINE_DISPATCHER_OPS_PORT: '0',
        HOOKLINE_AUDIT_PORT: '0',
        HOOKLINE_AUDIT_OPS_PORT: '0',
        HOOKLINE_GATEWAY_PORT: '0',
        HOOKLINE_GATEWAY_OPS_PORT: '0',
        HOOKLINE_GATEWAY_DB_SCHEMA: 'gateway_tls_check',
        HOOKLINE_REGISTRY_DB_SCHEMA: 'registry_tls_check',
      });
      const code = await proc.exited;
      expect(code).not.toBe(0);
      expect(proc.output()).toContain('HOOKLINE_TLS_CERT');
      expect(proc.output()).toContain(`names "${other}"`);
    },
    60_000,
  );
});
