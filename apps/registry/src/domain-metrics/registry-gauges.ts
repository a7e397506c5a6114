import { WEBHOOK_STATUSES } from '@hookline/contract';
import type { Pool } from 'pg';
import { Gauge, type Registry } from '@hookline/telemetry';

/** What the registry holds, counted at each scrape (one query; the tables are per-org small). */
const COUNTS = `
  select 'webhook' as kind, status as label, count(*)::int as n from webhook where status <> 'deleted' group by status
  union all
  select 'approval', 'pending', count(*)::int from approval where status = 'pending' and expires_at > now()
  union all
  select 'api_key', role, count(*)::int from api_key where revoked_at is null and status = 'active' group by role
  union all
  select 'portal_session', 'active', count(*)::int from portal_session where revoked_at is null and expires_at > now()`;

/** Deleted webhooks are not counted. */
const COUNTED_STATUSES = WEBHOOK_STATUSES.filter((status) => status !== 'deleted');
const ROLES = ['admin', 'developer', 'viewer'];

/**
 * Registry domain gauges: webhooks by status (alerts watch `disabled`), approvals waiting for a
 * second admin, active API keys by role, live portal sessions. Every known status and role is
 * exported, at 0 when there is none, so a series never vanishes and rate/delta rules keep working.
 */
export function registerRegistryGauges(registry: Registry, pool: Pool): void {
  let current: Promise<Map<string, number>> | undefined;
  // The four gauges are collected in one scrape: they share one query.
  const counts = () => {
    current ??= pool.query<{ kind: string; label: string; n: number }>(COUNTS).then(
      ({ rows }) => new Map(rows.map((row) => [`${row.kind}:${row.label}`, row.n])),
      () => new Map(),
    );
    const pending = current;
    setImmediate(() => (current = undefined));
    return pending;
  };
  new Gauge({
    name: 'hookline_webhooks',
    help: 'Webhooks by status (deleted ones excluded)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const n = await counts();
      for (const status of COUNTED_STATUSES) this.set({ status }, n.get(`webhook:${status}`) ?? 0);
    },
  });
  new Gauge({
    name: 'hookline_approvals_pending',
    help: 'Approval requests waiting for a second admin (not expired)',
    registers: [registry],
    async collect() {
      this.set((await counts()).get('approval:pending') ?? 0);
    },
  });
  new Gauge({
    name: 'hookline_api_keys',
    help: 'Active (not revoked, not pending approval) organization API keys by role',
    labelNames: ['role'],
    registers: [registry],
    async collect() {
      const n = await counts();
      for (const role of ROLES) this.set({ role }, n.get(`api_key:${role}`) ?? 0);
    },
  });
  new Gauge({
    name: 'hookline_portal_sessions_active',
    help: 'Customer-portal sessions neither expired nor revoked',
    registers: [registry],
    async collect() {
      this.set((await counts()).get('portal_session:active') ?? 0);
    },
  });
}
