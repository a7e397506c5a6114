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
