import { createTestOrg, errorOf, operatorContext, startTestRegistry, webhookRequest, type TestRegistry } from '../testing/harness';
import { testPublisherTls, uniqueSuffix } from '@hookline/testing';

describe('event-type catalog over gRPC', () => {
  let t: TestRegistry;

  beforeAll(async () => {
    t = await startTestRegistry();
  });
  afterAll(() => t?.stop());

  const register = (type: string, extra: { schemaJson?: string; context?: ReturnType<typeof operatorContext> } = {}) =>
    t.client.registerEventType({
      context: extra.context ?? operatorContext(),
      type,
      group: '',
      name: '',
      description: 'test type',
      schemaJson: extra.schemaJson ?? '',
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
    // A platform team's publisher (its own certificate, no end-user context) may register.
    await expect(t.clientFor(testPublisherTls(`catalog${uniqueSuffix()}`)).registerEventType({ type: 'card.declined', group: 'card', name: 'Declined', description: '', schemaJson: '' })).resolves.toBeDefined();

    await t.client.deleteEventType({ context: operatorContext(), type: 'card.declined' });
    expect((await t.client.listEventTypes({})).eventTypes.map((e) => e.type)).not.toContain('card.declined');
    expect(await errorOf(t.client.deleteEventType({ context: operatorContext(), type: 'hookline.webhook.disabled' }))).toMatchObject({
      code: 'event_type_reserved',
    });
    expect((await errorOf(t.client.deleteEventType({ context: operatorContext(), type: 'card.never' }))).kind).toBe('not_found');
  });
});
