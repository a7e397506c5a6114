import { createTestOrg, errorOf, operatorContext, startTestRegistry, webhookRequest, type TestRegistry } from '../testing/harness';
import { eventsV1 } from '@hookline/proto';
import { testPublisherTls, uniqueSuffix } from '@hookline/testing';

describe('event-type catalog over gRPC', () => {
  let t: TestRegistry;

  beforeAll(async () => {
    t = await startTestRegistry();
  });
  afterAll(() => t?.stop());

  const register = (type: string, extra: { schemaJson?: string; schemaMode?: string; breaking?: boolean; context?: ReturnType<typeof operatorContext> } = {}) =>
    t.client.registerEventType({
      context: extra.context ?? operatorContext(),
      type,
      group: '',
      name: '',
      description: 'test type',
      schemaJson: extra.schemaJson ?? '', schemaMode: extra.schemaMode ?? '', breaking: extra.breaking ?? false,
    });

  it('lists the built-in operational types and the example catalog loaded at start', async () => {
    const { eventTypes } = await t.client.listEventTypes({});
    const types = eventTypes.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['hookline.delivery.exhausted', 'hookline.webhook.disabled', 'transfer.completed', 'identity.approved']));
    const completed = eventTypes.find((e) => e.type === 'transfer.completed')!;
    expect(completed).toMatchObject({ group: 'transfer', name: 'Transfer completed' });
    expect(JSON.parse(completed.schemaJson)).toMatchObject({ type: 'object', required: ['transfer_id', 'amount', 'currency'] });
  });

  it('registers (idempotently), validates and deletes types; hookline.* is reserved', async () => {
    const made = await register('card.authorized', { schemaJson: '{"type":"object"}' });
    expect(made).toMatchObject({ type: 'card.authorized', group: 'card', name: 'card.authorized' });
    await expect(register('card.authorized')).resolves.toBeDefined();
    const org = await createTestOrg(t.client);
    await expect(t.client.createWebhook(webhookRequest(org.admin, { eventTypes: { types: ['card.authorized'] } }))).resolves.toBeDefined();

    expect(await errorOf(register('Card Authorized'))).toMatchObject({ kind: 'input', code: 'event_type_invalid', param: 'type' });
    expect(await errorOf(register('card'))).toMatchObject({ code: 'event_type_invalid', param: 'type' });
    expect(await errorOf(register('card.x', { schemaJson: '[1]' }))).toMatchObject({ code: 'schema_invalid', param: 'schema' });
    expect(await errorOf(register('hookline.custom'))).toMatchObject({ code: 'event_type_reserved', param: 'type' });
    expect(await errorOf(register('card.x', { context: org.admin }))).toMatchObject({ kind: 'permission' });
    await register('card.declined');

    await t.client.deleteEventType({ context: operatorContext(), type: 'card.declined' });
    expect((await t.client.listEventTypes({})).eventTypes.map((e) => e.type)).not.toContain('card.declined');
    expect(await errorOf(t.client.deleteEventType({ context: operatorContext(), type: 'hookline.webhook.disabled' }))).toMatchObject({
      code: 'event_type_reserved',
    });
    expect((await errorOf(t.client.deleteEventType({ context: operatorContext(), type: 'card.never' }))).kind).toBe('not_found');
  });

  /** The audit records of catalog changes the registry queued (its outbox keeps sent rows a day). */
  const catalogAudits = async (type: string) => {
    const { rows } = await t.pool.query<{ payload: Buffer }>(`select payload from outbox where topic = 'audit' order by seq`);
    return rows.map((r) => eventsV1.AuditRecord.decode(r.payload)).filter((a) => a.resourceType === 'event_type' && a.resourceId === type);
  };

  it('a publisher certificate, even one limited to an organization, cannot declare or overwrite a type seen by every organization', async () => {
    const org = await createTestOrg(t.client);
    const publisher = t.clientFor(testPublisherTls(`catalog${uniqueSuffix()}`, [org.orgId]));
    const before = (await t.client.listEventTypes({})).eventTypes.find((e) => e.type === 'transfer.completed')!;
    const overwrite = { type: 'transfer.completed', group: 'transfer', name: 'Hijacked', description: 'x', schemaJson: '{"type":"object"}', schemaMode: 'off', breaking: true };
    expect((await errorOf(publisher.registerEventType(overwrite))).kind).toBe('permission');
    expect((await errorOf(publisher.registerEventType({ ...overwrite, type: 'publisher.own' }))).kind).toBe('permission');
    expect((await errorOf(publisher.deleteEventType({ type: 'transfer.completed' }))).kind).toBe('permission');
    const after = (await t.client.listEventTypes({})).eventTypes.find((e) => e.type === 'transfer.completed')!;
    expect(after).toEqual(before);
    expect(await catalogAudits('publisher.own')).toEqual([]);
  });

  it('every change to the catalog is an audit record on the platform chain: who, what it was, what it became', async () => {
    const type = `audited.t${uniqueSuffix().toLowerCase().replace(/[^a-z0-9]/g, '')}`;
    const operator = { ...operatorContext(), requestId: 'req_catalog_1' };
    await register(type, { context: operator });
    await register(type, { context: operator }); // unchanged: nothing to record
    await register(type, { context: operator, schemaJson: '{"type":"object","required":["id"]}' });
    await t.client.deleteEventType({ context: operator, type });
    const records = await catalogAudits(type);
    expect(records.map((r) => [r.action, r.orgId, r.actorKind, r.requestId])).toEqual([
      ['event_type.create', '', 'operator', 'req_catalog_1'],
      ['event_type.update', '', 'operator', 'req_catalog_1'],
      ['event_type.delete', '', 'operator', 'req_catalog_1'],
    ]);
    expect(JSON.parse(records[1].beforeJson).schemaJson).toBe('');
    expect(JSON.parse(JSON.parse(records[1].afterJson).schemaJson)).toEqual({ type: 'object', required: ['id'] });
    // The catalog file loaded at start is a change by the operator too.
    expect((await catalogAudits('transfer.completed')).map((r) => [r.action, r.actorOwner])).toEqual([['event_type.create', 'catalog file']]);
  });

  describe('versioned data schemas', () => {
    const v1 = { type: 'object', required: ['amount'], properties: { amount: { type: 'integer', minimum: 1 } } };
    const widened = { ...v1, properties: { ...v1.properties, memo: { description: 'free text' } }, required: [] };
    const narrowed = { ...v1, required: ['amount', 'currency'] };
    const versionsOf = async (type: string) => (await t.client.listEventTypeSchemas({ context: operatorContext(), type })).versions;

    it('keeps every version, refuses a breaking change unless marked breaking, and lists the versions newest first', async () => {
      const type = `ledger.t${uniqueSuffix().toLowerCase().replace(/[^a-z0-9]/g, '')}`;
      expect(await register(type, { schemaJson: JSON.stringify(v1), schemaMode: 'enforce' })).toMatchObject({ schemaMode: 'enforce', schemaVersion: 1 });
      // The same schema again (a new description, another mode) is no new version.
      expect(await register(type, { schemaJson: JSON.stringify(v1), schemaMode: 'warn' })).toMatchObject({ schemaMode: 'warn', schemaVersion: 1 });
      expect(await register(type, { schemaJson: JSON.stringify(widened), schemaMode: 'enforce' })).toMatchObject({ schemaVersion: 2 });

      const refused = await errorOf(register(type, { schemaJson: JSON.stringify(narrowed), schemaMode: 'enforce' }));
      expect(refused).toMatchObject({ kind: 'conflict', code: 'schema_change_breaking', param: 'schema' });
      expect(refused.message).toContain('/data/currency is newly required');
      expect((await t.client.listEventTypes({})).eventTypes.find((e) => e.type === type)).toMatchObject({ schemaVersion: 2, schemaJson: JSON.stringify(widened) });

      expect(await register(type, { schemaJson: JSON.stringify(narrowed), schemaMode: 'enforce', breaking: true })).toMatchObject({ schemaVersion: 3 });
      const versions = await versionsOf(type);
      expect(versions.map((v) => [v.version, JSON.parse(v.schemaJson), v.breaking, v.current])).toEqual([
        [3, narrowed, true, true],
        [2, widened, false, false],
        [1, v1, false, false],
      ]);
    });

    it('checks a schema added back after its removal against the one removed; a removed type keeps its history', async () => {
      const type = `ledger.r${uniqueSuffix().toLowerCase().replace(/[^a-z0-9]/g, '')}`;
      await register(type, { schemaJson: JSON.stringify(v1) });
      expect(await register(type)).toMatchObject({ schemaVersion: 2, schemaJson: '', schemaMode: 'off' });
      expect(await errorOf(register(type, { schemaJson: JSON.stringify(narrowed) }))).toMatchObject({ code: 'schema_change_breaking' });
      await t.client.deleteEventType({ context: operatorContext(), type });
      await register(type, { schemaJson: JSON.stringify(v1) });
      expect((await versionsOf(type)).map((v) => v.version)).toEqual([3, 2, 1]);
    });

    it('refuses a mode other than enforce, warn or off, a checking mode without a schema, an unusable schema, and versions of an unknown type', async () => {
      expect(await errorOf(register('ledger.bad', { schemaJson: JSON.stringify(v1), schemaMode: 'strict' }))).toMatchObject({ code: 'schema_mode_invalid', param: 'schema_mode' });
      expect(await errorOf(register('ledger.bad', { schemaMode: 'enforce' }))).toMatchObject({ code: 'schema_mode_invalid', param: 'schema_mode' });
      expect(await errorOf(register('ledger.bad', { schemaJson: '{"type":"strin"}' }))).toMatchObject({ code: 'schema_invalid', param: 'schema' });
      expect(await errorOf(register('ledger.bad', { schemaJson: '{"format":"no-such"}' }))).toMatchObject({ code: 'schema_invalid', param: 'schema' });
      expect(await errorOf(t.client.listEventTypeSchemas({ context: operatorContext(), type: 'ledger.never' }))).toMatchObject({ kind: 'not_found' });
      const org = await createTestOrg(t.client);
      expect(await errorOf(t.client.listEventTypeSchemas({ context: org.admin, type: 'transfer.completed' }))).toMatchObject({ kind: 'permission' });
    });

    it('types of the catalog file keep mode off and have their schema as version 1', async () => {
      expect((await t.client.listEventTypes({})).eventTypes.find((e) => e.type === 'transfer.completed')).toMatchObject({ schemaMode: 'off', schemaVersion: 1 });
    });
  });
});
