import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnService, startProcess, testDatabaseUrl, testKafkaBrokers, waitFor, type ServiceName } from '@hookline/testing';

async function stackEnv(): Promise<Record<string, string>> {
  const [gateway, registry, ingestion, dispatcher, audit, ...ops] = await Promise.all(Array.from({ length: 10 }, () => freePort()));
  return {
    DATABASE_URL: testDatabaseUrl,
    KAFKA_BROKERS: testKafkaBrokers,
    HOOKLINE_GATEWAY_PORT: String(gateway),
    HOOKLINE_REGISTRY_PORT: String(registry),
    HOOKLINE_INGESTION_PORT: String(ingestion),
    HOOKLINE_DISPATCHER_PORT: String(dispatcher),
    HOOKLINE_AUDIT_PORT: String(audit),
    HOOKLINE_REGISTRY_ADDR: `127.0.0.1:${registry}`,
    HOOKLINE_INGESTION_ADDR: `127.0.0.1:${ingestion}`,
    HOOKLINE_DISPATCHER_ADDR: `127.0.0.1:${dispatcher}`,
    HOOKLINE_AUDIT_ADDR: `127.0.0.1:${audit}`,
    HOOKLINE_REGISTRY_OPS_PORT: String(ops[0]),
    HOOKLINE_INGESTION_OPS_PORT: String(ops[1]),
    HOOKLINE_DISPATCHER_OPS_PORT: String(ops[2]),
    HOOKLINE_AUDIT_OPS_PORT: String(ops[3]),
    HOOKLINE_GATEWAY_OPS_PORT: String(ops[4]),
  };
}

describe('npm start', () => {
  it('brings up all five services; the gateway reports ready over gRPC health; Ctrl-C stops them', async () => {
    const env = await stackEnv();
    const keysFile = join(mkdtempSync(join(tmpdir(), 'hookline-keys-')), 'stack-keys.txt');
    const stack = startProcess('npm', ['start', '--silent'], { ...env, HOOKLINE_OPERATOR_KEY: '', HOOKLINE_STACK_KEYS_FILE: keysFile }, { ownGroup: true });
    try {
      await waitFor(
        () => {
          if (stack.child.exitCode !== null) throw new Error(`npm start exited:\n${stack.output().slice(-4000)}`);
          return stack.output().includes('all services healthy');
        },
        { timeoutMs: 240_000, message: 'all services healthy' },
      ).catch((error) => {
        throw new Error(`${String(error)}\n--- npm start output ---\n${stack.output().slice(-4000)}`);
      });
      const ready = await fetch(`http://127.0.0.1:${env.HOOKLINE_GATEWAY_PORT}/readyz?all=true`);
      const readiness = (await ready.json()) as { ready: boolean };
      if (!readiness.ready) process.stdout.write(`npm start output:\n${stack.output().slice(-6000)}\n`);
      expect(readiness).toEqual({
        ready: true,
        services: { registry: true, ingestion: true, dispatcher: true, audit: true, database: true },
      });
      // The keys are in a file only the user can read, and nowhere in the stack's output (its log).
      const keys = readFileSync(keysFile, 'utf8');
      const operatorKey = /operator key: (hkop_\S{20,})/.exec(keys)?.[1];
      const demoKey = /demo API key: (hk_\S+)/.exec(keys)?.[1];
      expect(statSync(keysFile).mode & 0o777).toBe(0o600);
      expect(operatorKey).toBeDefined();
      expect(demoKey).toBeDefined();
      expect(stack.output()).toContain(keysFile);
      expect(stack.output()).not.toContain(operatorKey);
      expect(stack.output()).not.toContain(demoKey);
      expect((await fetch(`http://127.0.0.1:${env.HOOKLINE_GATEWAY_PORT}/v1/webhooks`, { headers: { authorization: `Bearer ${demoKey}` } })).status).toBe(200);
    } finally {
      // Ctrl-C: SIGINT to the whole process group, as a terminal sends it.
      stack.signalGroup('SIGINT');
      await stack.exited;
    }
    // Every service process is gone: the gateway no longer answers.
    await expect(fetch(`http://127.0.0.1:${env.HOOKLINE_GATEWAY_PORT}/healthz`)).rejects.toThrow();
  }, 300_000);

  it('the gateway stays ready when a backing service is down, names it, and answers 503 for what needs it', async () => {
    const env = await stackEnv();
    const gateway = spawnService('gateway', { ...env, HOOKLINE_OPERATOR_KEY: 'x'.repeat(32), HOOKLINE_MASTER_KEY: 'ab'.repeat(32) });
    try {
      const res = await waitFor(async () => {
        const r = await fetch(`http://127.0.0.1:${env.HOOKLINE_GATEWAY_PORT}/readyz`);
        return r;
      }, { timeoutMs: 90_000, message: 'gateway to listen' });
      // Readiness does not cascade: a load balancer keeps sending traffic to the gateway.
      expect(res.status).toBe(200);
      expect(((await res.json()) as { services: Record<string, boolean> }).services.registry).toBe(false);
      const all = await fetch(`http://127.0.0.1:${env.HOOKLINE_GATEWAY_PORT}/readyz?all=true`);
      expect(all.status).toBe(503);
      const route = await fetch(`http://127.0.0.1:${env.HOOKLINE_GATEWAY_PORT}/v1/admin/organizations`, { headers: { authorization: `Bearer ${'x'.repeat(32)}` } });
      expect(route.status).toBe(503);
      expect(((await route.json()) as { error: { type: string } }).error.type).toBe('unavailable');
    } finally {
      await gateway.stop();
    }
  }, 120_000);
});

describe('configuration', () => {
  it.each<ServiceName>(['registry', 'ingestion', 'dispatcher', 'audit'])('%s started with an invalid port exits non-zero naming the variable', async (service) => {
    const variable = `HOOKLINE_${service.toUpperCase()}_PORT`;
    const proc = spawnService(service, { [variable]: 'eighty' });
    const code = await proc.exited;
    expect(code).not.toBe(0);
    expect(proc.output()).toContain(variable);
    expect(proc.output()).toContain('"eighty"');
  });

  it('the gateway started with an out-of-range port exits non-zero naming the variable', async () => {
    const proc = spawnService('gateway', { HOOKLINE_GATEWAY_PORT: '70000', HOOKLINE_OPERATOR_KEY: 'x'.repeat(32) });
    expect(await proc.exited).not.toBe(0);
    expect(proc.output()).toContain('HOOKLINE_GATEWAY_PORT');
  });
});
