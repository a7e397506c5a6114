import { evidenceOf, parseCertificates, ProducerVerifier } from '@hookline/contract';
import { createKafka, startConsumer, topicNames, type RunningConsumer } from '@hookline/kafka';
import { createLogger } from '@hookline/logging';
import { createMetricsRegistry } from '@hookline/telemetry';
import { eventsV1 } from '@hookline/proto';
import { testKafkaSecurity, testTls, uniqueSuffix, waitFor } from '@hookline/testing';
import { createTestOrg, startTestRegistry, webhookRequest, type TestRegistry } from '../testing/harness';

interface Received<T> {
  key: string;
  value: T;
}

describe('outbox relay to Kafka', () => {
  let t: TestRegistry;
  const consumers: RunningConsumer[] = [];
  const changes: Received<eventsV1.WebhookChange>[] = [];
  const audits: Received<eventsV1.AuditRecord>[] = [];
  const credentialChanges: Received<eventsV1.CredentialChange>[] = [];

  beforeAll(async () => {
    t = await startTestRegistry();
    const topics = topicNames(t.topicPrefix);
    const logger = createLogger('outbox-test', 'silent');
    const kafka = createKafka({ brokers: t.env.KAFKA_BROKERS, security: testKafkaSecurity(t.env.KAFKA_BROKERS), clientId: 'outbox-test', logger });
    const metrics = createMetricsRegistry('outbox-test');
    for (const topic of [topics.webhookChanges, topics.audit, topics.credentialChanges]) {
      consumers.push(
        await startConsumer(kafka, {
          name: topic,
          groupId: `outbox-test-${uniqueSuffix()}`,
          topic,
          logger,
          metrics,
          handle: async (messages) => {
            for (const message of messages) {
              const key = message.key!.toString();
              if (topic === topics.webhookChanges) changes.push({ key, value: eventsV1.WebhookChange.decode(message.value!) });
              else if (topic === topics.credentialChanges) credentialChanges.push({ key, value: eventsV1.CredentialChange.decode(message.value!) });
              else audits.push({ key, value: eventsV1.AuditRecord.decode(message.value!) });
            }
          },
        }),
      );
    }
  });
  afterAll(async () => {
    for (const consumer of consumers) await consumer.stop();
    await t?.stop();
  });

  it('publishes every committed webhook change (keyed by webhook, in order, no secrets) and its audit record (keyed by org)', async () => {
    const org = await createTestOrg(t.client);
    const created = await t.client.createWebhook(
      webhookRequest(org.admin, {
        eventTypes: { types: ['transfer.completed'] },
        auth: { type: 'basic', username: 'svc', password: 'outbox-pw-77', headerName: '', headerValue: '', tokenUrl: '', clientId: '', clientSecret: '', scope: '', audience: '' },
      }),
    );
    const id = created.webhook!.id;
    await t.client.updateWebhook({ context: org.admin, webhookId: id, orgId: '', status: 'paused' });
    const rotated = await t.client.rotateSecret({ context: org.admin, webhookId: id, orgId: '' });
    await t.dispatcher.disableWebhook({ webhookId: id, reason: 'gone' });
    await t.client.deleteWebhook({ context: org.admin, webhookId: id, orgId: '' });

    const mine = await waitFor(() => {
      const list = changes.filter((c) => c.key === id);
      return list.length >= 5 ? list : null;
    }, { timeoutMs: 20_000, message: 'five webhook changes on Kafka' });
    expect(mine.map((c) => [c.value.change, c.value.status, c.value.version])).toEqual([
      ['created', 'active', 1],
      ['updated', 'paused', 2],
      ['secret_rotated', 'paused', 3],
      ['disabled', 'disabled', 4],
      ['deleted', 'deleted', 5],
    ]);
    expect(mine[0].value).toMatchObject({ orgId: org.orgId, eventTypes: ['transfer.completed'] });

    const records = await waitFor(() => {
      const list = audits.filter((a) => a.key === org.orgId && a.value.resourceId === id);
      return list.length >= 5 ? list : null;
    }, { timeoutMs: 20_000, message: 'five audit records on Kafka' });
    expect(records.map((r) => r.value.action)).toEqual([
      'webhook.create',
      'webhook.update',
      'webhook.rotate_secret',
      'webhook.disable',
      'webhook.delete',
    ]);
    const update = records[1].value;
    expect(update).toMatchObject({ kind: 'change', actorKind: 'api_key', actorKeyId: org.admin.actor!.keyId, requestId: org.admin.requestId, source: 'registry' });
    expect(JSON.parse(update.beforeJson).status).toBe('active');
    expect(JSON.parse(update.afterJson).status).toBe('paused');
    expect(records[3].value.actorKind).toBe('service');
    expect(new Set(audits.map((a) => a.value.id)).size).toBe(audits.length);
    expect(records.every((r) => r.value.id.startsWith('aud_'))).toBe(true);
    // Each record is signed by the registry's certificate, as the audit service requires.
    const verifier = new ProducerVerifier(parseCertificates(testTls('audit').ca));
    expect(records.map((r) => verifier.verify(evidenceOf(r.value, r.value.signature, r.value.signerCertificate), new Date()))).toEqual(
      records.map(() => expect.objectContaining({ ok: true, producer: 'registry' })),
    );
    const everything = JSON.stringify([...changes, ...audits].map((m) => m.value));
    for (const secret of [created.signingSecret, rotated.secret, 'outbox-pw-77', org.adminKey]) expect(everything).not.toContain(secret);
    // Key lifecycle and settings are audited too.
    await waitFor(() => audits.some((a) => a.key === org.orgId && a.value.action === 'api_key.create'), { message: 'api_key.create audit' });
    const unsent = await t.pool.query('select count(*)::int as n from outbox where sent_at is null');
    await waitFor(async () => (await t.pool.query('select count(*)::int as n from outbox where sent_at is null')).rows[0].n === 0, {
      message: `outbox drained (had ${unsent.rows[0].n})`,
    });
  });

  it('publishes each revocation of an API key or a portal session on the credential feed, keyed by its id, with no key, token or hash', async () => {
    const org = await createTestOrg(t.client);
    const made = await t.client.createApiKey({ context: org.admin, orgId: '', role: 'viewer', owner: 'feed-test', name: '' });
    const session = await t.client.createPortalSession({ context: org.admin, orgId: '', role: 'viewer', features: [], ttlSeconds: 3600, owner: '' });
    await t.client.revokeApiKey({ context: org.admin, keyId: made.apiKey!.id, orgId: '' });
    await t.client.revokePortalSession({ context: org.admin, id: session.session!.id, orgId: '' });

    const revocations = await waitFor(() => {
      const list = credentialChanges.filter((c) => c.value.orgId === org.orgId);
      return list.length >= 2 ? list : null;
    }, { timeoutMs: 20_000, message: 'two credential changes on Kafka' });
    expect(revocations.map((c) => [c.key, c.value.credentialId, c.value.kind, c.value.change])).toEqual([
      [made.apiKey!.id, made.apiKey!.id, 'api_key', 'revoked'],
      [session.session!.id, session.session!.id, 'portal_session', 'revoked'],
    ]);
    const everything = JSON.stringify(revocations.map((c) => c.value));
    const hashes = (await t.pool.query<{ h: string }>(`select encode(key_hash, 'hex') as h from api_key where id = $1 union all select encode(token_hash, 'hex') from portal_session where id = $2`, [made.apiKey!.id, session.session!.id])).rows;
    for (const secret of [made.key, session.token, ...hashes.map((row) => row.h)]) expect(everything).not.toContain(secret);
    // Creating a credential publishes nothing: the gateway caches no refusal a creation could make stale.
    expect(credentialChanges.filter((c) => c.value.orgId === org.orgId)).toHaveLength(2);
  });

  it('leaves no outbox row and publishes nothing for a change that rolled back', async () => {
    const org = await createTestOrg(t.client);
    await t.client.updateSettings({ context: org.admin, orgId: '', approvals: { create: true } });
    // Make the last statement of the create transaction fail, after its outbox rows were written.
    const fn = `fail_approval_${uniqueSuffix()}`;
    await t.pool.query(`create function ${t.schema}.${fn}() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`);
    await t.pool.query(`create trigger ${fn} before insert on ${t.schema}.approval for each row execute function ${t.schema}.${fn}()`);
    const before = (await t.pool.query('select count(*)::int as n from outbox')).rows[0].n;
    try {
      // Not a domain error: the client sees a generic INTERNAL failure, no SQL or message text.
      const failure = await t.client.createWebhook(webhookRequest(org.admin, { name: 'Rolled back hook' })).then(
        () => new Error('expected the create to fail'),
        (error: Error) => error,
      );
      expect(failure.message).toMatch(/INTERNAL/);
      expect(failure.message).not.toContain('injected failure');
    } finally {
      await t.pool.query(`drop trigger ${fn} on ${t.schema}.approval`);
    }
    expect((await t.pool.query('select count(*)::int as n from outbox')).rows[0].n).toBe(before);
    expect((await t.pool.query(`select count(*)::int as n from webhook where name = 'Rolled back hook'`)).rows[0].n).toBe(0);

    // A later committed change of the same org arrives; nothing of the rolled-back one ever does.
    const sentinel = await t.client.createWebhook(webhookRequest(org.admin, { name: 'Sentinel hook' }));
    await waitFor(() => changes.some((c) => c.key === sentinel.webhook!.id), { timeoutMs: 20_000, message: 'the sentinel change' });
    await waitFor(() => audits.some((a) => a.value.resourceId === sentinel.pendingApproval!.id), { timeoutMs: 20_000, message: 'the sentinel audit' });
    expect(changes.filter((c) => c.value.orgId === org.orgId).map((c) => c.key)).toEqual([sentinel.webhook!.id]);
    const webhookAudits = audits.filter((a) => a.key === org.orgId && a.value.resourceType === 'webhook');
    expect(webhookAudits.map((a) => a.value.resourceId)).toEqual([sentinel.webhook!.id]);
  });

  it('a commit wakes the relay at once (LISTEN/NOTIFY): the change is on Kafka long before the fallback poll', async () => {
    const slow = await startTestRegistry({ env: { HOOKLINE_REGISTRY_OUTBOX_POLL_MS: '60000' } });
    const logger = createLogger('outbox-test', 'silent');
    const seen: eventsV1.WebhookChange[] = [];
    const reader = await startConsumer(createKafka({ brokers: slow.env.KAFKA_BROKERS, security: testKafkaSecurity(slow.env.KAFKA_BROKERS), clientId: 'outbox-wake-test', logger }), {
      name: 'outbox-wake',
      groupId: `outbox-wake-${uniqueSuffix()}`,
      topic: topicNames(slow.topicPrefix).webhookChanges,
      logger,
      metrics: createMetricsRegistry('outbox-wake-test'),
      handle: async (messages) => void seen.push(...messages.map((message) => eventsV1.WebhookChange.decode(message.value!))),
    });
    try {
      const org = await createTestOrg(slow.client);
      const created = await slow.client.createWebhook(webhookRequest(org.admin, { eventTypes: { types: ['transfer.completed'] } }));
      // The relay polls once a minute here: only the commit notification gets the change out within the wait.
      await waitFor(() => seen.some((change) => change.webhookId === created.webhook!.id), { timeoutMs: 20_000, message: 'the created change on Kafka' });
      // What the dispatcher's routing view is built from: the committed webhook, once.
      expect(seen.filter((change) => change.webhookId === created.webhook!.id)).toEqual([
        expect.objectContaining({ orgId: org.orgId, change: 'created', status: 'active', eventTypes: ['transfer.completed'] }),
      ]);
    } finally {
      await reader.stop();
      await slow.stop();
    }
  });
});
