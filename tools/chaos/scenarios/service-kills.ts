import { call } from '../../bench/platform';
import type { ServiceName } from '../platform';
import { sleep, type Scenario } from '../scenario';
import { receiverWebhook } from './webhooks';

export const killRegistryAuditGateway: Scenario = {
  name: 'kill -9 registry, audit, gateway',
  passCondition: '0 deliveries lost; the audit chain verifies; no change record missing (webhooks created after each restart)',
  infra: {},
  runs: () => 1,
  async script(ctx) {
    const created: string[] = [];
    for (const service of ['registry', 'audit', 'gateway'] as ServiceName[]) {
      await ctx.hold(6);
      await ctx.platform.kill(service, 'SIGKILL');
      ctx.details[`${service}RestartReadySeconds`] = await ctx.platform.restart(service);
      ctx.lifted();
      created.push(await receiverWebhook(ctx, `chaos after ${service} restart`, `${ctx.pathPrefix}/wh/after-${service}`));
    }
    await ctx.hold(6);
    ctx.details.webhooksCreated = created;
  },
  async check(ctx) {
    const failures: string[] = [];
    const created = (ctx.details.webhooksCreated as string[] | undefined) ?? [];
    for (const id of created) {
      const deadline = Date.now() + 30_000;
      let found = false;
      while (!found && Date.now() < deadline) {
        const page = await call(ctx.platform.gateway, ctx.apiKey, 'GET', `/v1/audit-logs?kind=change&resource_id=${id}`).catch(() => ({ data: [] }));
        found = (page.data as unknown[]).length > 0;
        if (!found) await sleep(1_000);
      }
      if (!found) failures.push(`no change record for webhook ${id}`);
    }
    const verdict = await call(ctx.platform.gateway, ctx.apiKey, 'GET', '/v1/audit-logs/verify').catch((error) => ({ valid: false, error: String(error) }));
    ctx.details.auditVerify = verdict;
    if (verdict.valid !== true) failures.push(`audit chain does not verify: ${JSON.stringify(verdict).slice(0, 300)}`);
    return failures;
  },
};
