import { createTestOrg, errorOf, startTestRegistry, webhookRequest, type TestOrg, type TestRegistry } from '../testing/harness';

// Finding 1 of issue 21: an unknown event type outside printable ASCII was echoed into the error
// trailer, grpc-js threw on it, and the rejection nobody caught ended the registry. Every such
// input must come back as an input error, and the registry must go on answering.
describe('registry under input outside printable ASCII (gRPC, real PostgreSQL)', () => {
  let t: TestRegistry;
  let org: TestOrg;

  beforeAll(async () => {
    t = await startTestRegistry();
    org = await createTestOrg(t.client);
  });
  afterAll(() => t?.stop());

  const types = ['\uffff', 'é', '😀', '日本語.event', `x${'é'.repeat(5_000)}`];

  it.each(types)('an unknown event type %j is an input error naming the field, on create and on update', async (type) => {
    const created = await errorOf(t.client.createWebhook(webhookRequest(org.admin, { eventTypes: { types: ['transfer.completed', type] } })));
    expect(created).toMatchObject({ kind: 'input', param: 'event_types[1]' });
    const hook = await t.client.createWebhook(webhookRequest(org.admin));
    const updated = await errorOf(t.client.updateWebhook({ context: org.admin, orgId: '', webhookId: hook.webhook!.id, eventTypes: { types: [type] } }));
    expect(updated).toMatchObject({ kind: 'input', param: 'event_types[0]' });
    await t.client.deleteWebhook({ context: org.admin, orgId: '', webhookId: hook.webhook!.id });
    // Still serving.
    await expect(t.client.ping({ message: 'still there?' })).resolves.toBeDefined();
  });

  it.each(['a\u0000b', '\u0000'.repeat(50)])('a name holding %j is refused with invalid_characters naming the field', async (name) => {
    const error = await errorOf(t.client.createWebhook(webhookRequest(org.admin, { name })));
    expect(error).toMatchObject({ kind: 'input', code: 'invalid_characters', param: 'name' });
    await expect(t.client.ping({ message: 'still there?' })).resolves.toBeDefined();
  });

  // A lone surrogate has no UTF-8 form: the caller's encoder sends U+FFFD, which the name rule refuses.
  it.each(['\ud800', 'x\udfffy'])('a name holding %j is an input error naming the field', async (name) => {
    const error = await errorOf(t.client.createWebhook(webhookRequest(org.admin, { name })));
    expect(error).toMatchObject({ kind: 'input', param: 'name' });
    await expect(t.client.ping({ message: 'still there?' })).resolves.toBeDefined();
  });
});
