import { filterAccepts, matchWebhooks } from './match';
import { RoutingView, type WebhookRoute } from './routing-view';

describe('filterAccepts: whether a webhook’s event-type filter takes an event', () => {
  it('no filter takes every customer event, but no operational hookline.* one', () => {
    expect(filterAccepts([], 'transfer.completed')).toBe(true);
    expect(filterAccepts([], 'hookline.delivery.exhausted')).toBe(false);
  });

  it('an exact type takes that type only', () => {
    expect(filterAccepts(['transfer.completed'], 'transfer.completed')).toBe(true);
    expect(filterAccepts(['transfer.completed'], 'transfer.failed')).toBe(false);
    expect(filterAccepts(['transfer.completed'], 'transfer.completed.v2')).toBe(false);
  });

  it('a prefix pattern takes the types below it, not a longer word', () => {
    expect(filterAccepts(['transfer.*'], 'transfer.completed')).toBe(true);
    expect(filterAccepts(['transfer.*'], 'transfer.refund.issued')).toBe(true);
    expect(filterAccepts(['transfer.*'], 'transfers.completed')).toBe(false);
    expect(filterAccepts(['transfer.*'], 'transfer')).toBe(false);
  });

  it('operational events reach webhooks that name them', () => {
    expect(filterAccepts(['hookline.*'], 'hookline.webhook.disabled')).toBe(true);
    expect(filterAccepts(['hookline.delivery.exhausted'], 'hookline.delivery.exhausted')).toBe(true);
    expect(filterAccepts(['transfer.*'], 'hookline.delivery.exhausted')).toBe(false);
  });

  it('a group subscription takes every type of that catalog group, whatever the type is named', () => {
    expect(filterAccepts(['money.*'], 'transfer.completed', 'money')).toBe(true);
    expect(filterAccepts(['money.*'], 'payout.paid', 'money')).toBe(true);
    expect(filterAccepts(['money.*'], 'transfer.completed', 'transfer')).toBe(false);
    expect(filterAccepts(['money.*'], 'transfer.completed')).toBe(false);
    expect(filterAccepts(['money'], 'transfer.completed', 'money')).toBe(false);
  });

  it('any one entry of several is enough', () => {
    expect(filterAccepts(['payout.paid', 'transfer.*'], 'transfer.completed')).toBe(true);
  });
});

describe('matchWebhooks: the webhooks an event goes to', () => {
  const route = (webhookId: string, fields: Partial<WebhookRoute> = {}): WebhookRoute => ({ webhookId, orgId: 'org_a', status: 'active', eventTypes: [], version: 1, ...fields });
  const view = new RoutingView();
  for (const r of [
    route('wh_active'),
    route('wh_paused', { status: 'paused' }),
    route('wh_disabled', { status: 'disabled' }),
    route('wh_pending', { status: 'pending_approval' }),
    route('wh_deleted', { status: 'deleted' }),
    route('wh_other_type', { eventTypes: ['payout.paid'] }),
    route('wh_other_org', { orgId: 'org_b' }),
  ]) {
    view.apply(r);
  }
  const ids = (routes: WebhookRoute[]) => routes.map((r) => r.webhookId).sort();

  it('active, paused and disabled webhooks of the org whose filter takes the type; never deleted or unapproved ones', () => {
    expect(ids(matchWebhooks(view, { orgId: 'org_a', type: 'transfer.completed', isTest: false, targetWebhookId: '' }))).toEqual(['wh_active', 'wh_disabled', 'wh_paused']);
  });

  it('a test event goes to its target only, and only while it is active in the same org', () => {
    expect(ids(matchWebhooks(view, { orgId: 'org_a', type: 'transfer.completed', isTest: true, targetWebhookId: 'wh_other_type' }))).toEqual(['wh_other_type']);
    expect(matchWebhooks(view, { orgId: 'org_a', type: 'x.y', isTest: true, targetWebhookId: 'wh_paused' })).toEqual([]);
    expect(matchWebhooks(view, { orgId: 'org_a', type: 'x.y', isTest: true, targetWebhookId: 'wh_other_org' })).toEqual([]);
  });

  it('a test event’s target the view does not know yet is routed anyway (the sender checks it)', () => {
    expect(matchWebhooks(view, { orgId: 'org_a', type: 'x.y', isTest: true, targetWebhookId: 'wh_new' })).toEqual([expect.objectContaining({ webhookId: 'wh_new', orgId: 'org_a' })]);
  });
});

describe('matchWebhooks: payload filters', () => {
  const bigOnly = JSON.stringify({ and: [{ field: 'data.amount', gte: 100 }, { field: 'data.currency', in: ['USD', 'EUR'] }] });
  const route = (webhookId: string, fields: Partial<WebhookRoute> = {}): WebhookRoute => ({ webhookId, orgId: 'org_f', status: 'active', eventTypes: [], version: 1, ...fields });
  const event = (data: unknown, fields: Record<string, unknown> = {}) => ({ orgId: 'org_f', type: 'transfer.completed', group: 'transfer', isTest: false, targetWebhookId: '', id: 'evt_1', time: '2026-01-01T00:00:00Z', dataJson: JSON.stringify(data), ...fields });
  const ids = (routes: WebhookRoute[]) => routes.map((r) => r.webhookId).sort();

  it('a filtered webhook gets only the events its filter accepts; an unfiltered one gets them all', () => {
    const view = new RoutingView();
    view.apply(route('wh_all'));
    view.apply(route('wh_big', { filterJson: bigOnly }));
    expect(ids(matchWebhooks(view, event({ amount: 150, currency: 'USD' })))).toEqual(['wh_all', 'wh_big']);
    expect(ids(matchWebhooks(view, event({ amount: 50, currency: 'USD' })))).toEqual(['wh_all']);
    expect(ids(matchWebhooks(view, event({ amount: 150, currency: 'GBP' })))).toEqual(['wh_all']);
    expect(ids(matchWebhooks(view, event({})))).toEqual(['wh_all']);
  });

  it('the filter reads envelope fields too: type, group, id', () => {
    const view = new RoutingView();
    view.apply(route('wh_group', { filterJson: JSON.stringify({ field: 'group', eq: 'wallet' }) }));
    view.apply(route('wh_not_id', { filterJson: JSON.stringify({ not: { field: 'id', starts_with: 'evt_skip' } }) }));
    expect(ids(matchWebhooks(view, event({}, { type: 'wallet.created', group: 'wallet' })))).toEqual(['wh_group', 'wh_not_id']);
    expect(ids(matchWebhooks(view, event({}, { id: 'evt_skip_1' })))).toEqual([]);
  });

  it('the event types are still checked before the filter', () => {
    const view = new RoutingView();
    view.apply(route('wh_payouts', { eventTypes: ['payout.paid'], filterJson: bigOnly }));
    expect(matchWebhooks(view, event({ amount: 500, currency: 'USD' }))).toEqual([]);
  });

  it('a test event reaches its target whatever the target’s filter says', () => {
    const view = new RoutingView();
    view.apply(route('wh_big', { filterJson: bigOnly }));
    expect(ids(matchWebhooks(view, event({ amount: 1 }, { isTest: true, targetWebhookId: 'wh_big' })))).toEqual(['wh_big']);
  });

  it('a filter is compiled once per webhook version, and kept while its text does not change', () => {
    const view = new RoutingView();
    view.apply(route('wh_f', { filterJson: bigOnly }));
    const first = view.route('wh_f')!.accepts;
    expect(first).toBeDefined();
    view.apply(route('wh_f', { version: 2, status: 'paused', filterJson: bigOnly }));
    expect(view.route('wh_f')!.accepts).toBe(first);
    view.apply(route('wh_f', { version: 3, filterJson: JSON.stringify({ field: 'data.amount', lt: 100 }) }));
    expect(view.route('wh_f')!.accepts).not.toBe(first);
    expect(ids(matchWebhooks(view, event({ amount: 50 })))).toEqual(['wh_f']);
    view.apply(route('wh_f', { version: 4, filterJson: '' }));
    expect(view.route('wh_f')!.accepts).toBeUndefined();
    expect(ids(matchWebhooks(view, event({ amount: 500 })))).toEqual(['wh_f']);
  });

  it('a change whose filter does not compile is refused and leaves the known version in place', () => {
    const view = new RoutingView();
    view.apply(route('wh_f', { filterJson: bigOnly }));
    expect(() => view.apply(route('wh_f', { version: 2, filterJson: '{"field":"colour","eq":1}' }))).toThrow(/unknown field/);
    expect(view.route('wh_f')!.version).toBe(1);
    expect(ids(matchWebhooks(view, event({ amount: 150, currency: 'EUR' })))).toEqual(['wh_f']);
  });
});
