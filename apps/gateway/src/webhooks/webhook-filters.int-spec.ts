import { startGatewayStack, type GatewayStack, type Organization } from '../testing/gateway-stack';

// Payload filters through the REST API (DESIGN §2), against real registry and gateway processes:
// validated on write with a 400 naming the part at fault, stored and returned, shown in approvals,
// and testable against a sample event before saving.

let stack: GatewayStack;
let org: Organization;
let developer: string;
let viewer: string;

beforeAll(async () => {
  stack = await startGatewayStack();
}, 120_000);

beforeEach(async () => {
  org = await stack.createOrganization();
  [developer, viewer] = await Promise.all([org.keyFor('developer'), org.keyFor('viewer')]);
});

afterAll(async () => {
  await stack?.stop();
});

let counter = 0;
const hook = (extra: Record<string, unknown> = {}) => ({ name: `Filtered hook ${++counter}`, url: 'https://hooks.example.com/filtered', ...extra });
const bigPayments = { and: [{ field: 'data.amount', gte: 100 }, { field: 'data.currency', in: ['USD', 'EUR'] }] };

describe('a webhook’s payload filter', () => {
  it('is stored on create, returned on read, replaced and removed on update', async () => {
    const created = await stack.api('POST', '/v1/webhooks', { key: developer, body: hook({ filter: bigPayments }) });
    expect(created.status).toBe(201);
    expect(created.body.filter).toEqual(bigPayments);
    const read = await stack.api('GET', `/v1/webhooks/${created.body.id}`, { key: viewer });
    expect(read.body.filter).toEqual(bigPayments);

    const euro = { field: 'data.currency', eq: 'EUR' };
    const replaced = await stack.api('PATCH', `/v1/webhooks/${created.body.id}`, { key: developer, body: { filter: euro } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.filter).toEqual(euro);
    const removed = await stack.api('PATCH', `/v1/webhooks/${created.body.id}`, { key: developer, body: { filter: null } });
    expect(removed.body.filter).toBeNull();
    const unfiltered = await stack.api('POST', '/v1/webhooks', { key: developer, body: hook() });
    expect(unfiltered.body.filter).toBeNull();
  });

  const invalid: [string, unknown, string][] = [
    ['an unknown operator', { field: 'data.amount', like: 5 }, 'filter.like'],
    ['an unknown field', { field: 'payload.amount', eq: 5 }, 'filter.field'],
    ['a bad operand deep inside', { or: [{ field: 'type', eq: 'a' }, { not: { field: 'data.x', in: [] } }] }, 'filter.or[1].not.in'],
    ['two operators in one condition', { field: 'type', eq: 'a', ne: 'b' }, 'filter'],
    ['too deep a nesting', { not: { not: { not: { not: { not: { not: { not: { not: { field: 'type', eq: 'x' } } } } } } } } }, 'filter.not.not.not.not.not.not.not.not'],
  ];

  it.each(invalid)('refuses %s on create and on update with 400 filter_invalid naming the part', async (_label, filter, param) => {
    const refused = await stack.api('POST', '/v1/webhooks', { key: developer, body: hook({ filter }) });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ type: 'invalid_request', code: 'filter_invalid', param });
    expect(refused.body.error.message).toContain(param);

    const existing = await stack.api('POST', '/v1/webhooks', { key: developer, body: hook() });
    const patched = await stack.api('PATCH', `/v1/webhooks/${existing.body.id}`, { key: developer, body: { filter } });
    expect(patched.status).toBe(400);
    expect(patched.body.error).toMatchObject({ code: 'filter_invalid', param });
    const unchanged = await stack.api('GET', `/v1/webhooks/${existing.body.id}`, { key: viewer });
    expect(unchanged.body.filter).toBeNull();
  });

  it('refuses a filter that is not an object before it reaches the registry', async () => {
    const refused = await stack.api('POST', '/v1/webhooks', { key: developer, body: hook({ filter: 'data.amount > 100' }) });
    expect(refused.status).toBe(400);
    expect(refused.body.error.param).toBe('filter');
  });

  it('is shown in the approval of an update that needs a second admin', async () => {
    const alice = await org.keyFor('admin', 'alice@example.com');
    const created = await stack.api('POST', '/v1/webhooks', { key: alice, body: hook() });
    expect((await stack.api('PATCH', '/v1/settings', { key: alice, body: { approvals: { update: true } } })).status).toBe(200);
    const requested = await stack.api('PATCH', `/v1/webhooks/${created.body.id}`, { key: alice, body: { filter: bigPayments } });
    expect(requested.status).toBe(202);
    expect(requested.body.change).toEqual({ filter: bigPayments });
    const listed = await stack.api('GET', `/v1/webhooks/${created.body.id}/approvals`, { key: alice });
    expect(listed.body.data[0].change).toEqual({ filter: bigPayments });
  });
});

describe('POST /v1/webhooks/filter-test', () => {
  const sample = (data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'transfer.completed', data, ...extra });

  it('says whether the filter accepts the sample event', async () => {
    const cases: [Record<string, unknown>, boolean][] = [
      [sample({ amount: 150, currency: 'USD' }), true],
      [sample({ amount: 150, currency: 'GBP' }), false],
      [sample({ amount: 99, currency: 'EUR' }), false],
      [sample({}), false],
    ];
    for (const [event, matches] of cases) {
      const res = await stack.api('POST', '/v1/webhooks/filter-test', { key: viewer, body: { filter: bigPayments, event } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ object: 'filter_test', matches });
    }
  });

  it('reads the envelope fields of the sample (its group defaults to the type’s first segment)', async () => {
    const byGroup = { field: 'group', eq: 'transfer' };
    expect((await stack.api('POST', '/v1/webhooks/filter-test', { key: viewer, body: { filter: byGroup, event: sample({}) } })).body.matches).toBe(true);
    const other = await stack.api('POST', '/v1/webhooks/filter-test', { key: viewer, body: { filter: byGroup, event: sample({}, { type: 'wallet.created' }) } });
    expect(other.body.matches).toBe(false);
  });

  it('refuses an invalid filter exactly as a save would', async () => {
    const res = await stack.api('POST', '/v1/webhooks/filter-test', { key: viewer, body: { filter: { and: [{ field: 'data.a', gt: true }] }, event: sample({}) } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'filter_invalid', param: 'filter.and[0].gt' });
  });

  it('refuses a sample without a type and needs an API key', async () => {
    const res = await stack.api('POST', '/v1/webhooks/filter-test', { key: viewer, body: { filter: bigPayments, event: { data: {} } } });
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBe('event.type');
    expect((await stack.api('POST', '/v1/webhooks/filter-test', { body: { filter: bigPayments, event: sample({}) } })).status).toBe(401);
  });
});
