import type { Webhook } from '../api/types';
import { controlForParam, createBody, emptyWebhookForm, formFromWebhook, parseRetrySchedule, updateBody } from './webhook-form';

const webhook: Webhook = {
  id: 'wh_1',
  object: 'webhook',
  name: 'Payments',
  description: null,
  url: 'https://hooks.example.com/in',
  status: 'active',
  event_types: ['transfer.completed'],
  auth_type: 'api_key',
  auth: { header_name: 'x-api-key' },
  rate_limit_rps: 10,
  timeout_seconds: 15,
  payload: 'full',
  signature_scheme: 'hmac-sha256',
  has_signing_secret: true,
  retry_schedule_seconds: null,
  ordering: 'unordered',
  filter: null,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

describe('webhook form', () => {
  it('creates with what was filled: no event types means every type, no retry schedule means the default', () => {
    const body = createBody({ ...emptyWebhookForm, name: ' Payments ', url: 'https://x.example.com/h', rateLimit: '25' });
    expect(body).toEqual({
      name: 'Payments',
      url: 'https://x.example.com/h',
      auth: { type: 'none' },
      rate_limit_rps: 25,
      timeout_seconds: 15,
      payload: 'full',
      signature_scheme: 'hmac-sha256',
      ordering: 'unordered',
    });
  });

  it('sends a number the user left blank as null, so the API names the field', () => {
    expect(JSON.parse(JSON.stringify(createBody({ ...emptyWebhookForm, rateLimit: '' }))).rate_limit_rps).toBeNull();
  });

  it('updates only what changed and keeps stored credentials unless a secret was typed', () => {
    const before = formFromWebhook(webhook);
    expect(updateBody(before, { ...before, rateLimit: '20' })).toEqual({ rate_limit_rps: 20 });
    expect(updateBody(before, { ...before, eventTypes: [] })).toEqual({ event_types: null });
    expect(updateBody(before, { ...before, value: 'new-secret' })).toEqual({ auth: { type: 'api_key', header_name: 'x-api-key', value: 'new-secret' } });
    expect(updateBody(before, { ...before, retrySchedule: '5, 60' })).toEqual({ retry_schedule_seconds: [5, 60] });
    expect(updateBody(before, before)).toEqual({});
  });

  it('parses a retry schedule written with commas or spaces', () => {
    expect(parseRetrySchedule('5, 300  1800')).toEqual([5, 300, 1800]);
    expect(parseRetrySchedule('')).toEqual([]);
  });

  it("places an API error on the control its param names", () => {
    expect(controlForParam('auth.header_name')).toBe('headerName');
    expect(controlForParam('event_types[2]')).toBe('eventTypes');
    expect(controlForParam('retry_schedule_seconds[0]')).toBe('retrySchedule');
    expect(controlForParam('unknown')).toBeUndefined();
  });

  it('sends the filter as JSON on create, only when changed on update, null when cleared; its errors land on the filter field', () => {
    const filter = { field: 'data.amount', gte: 100 };
    expect(createBody({ ...emptyWebhookForm, filter: JSON.stringify(filter) }).filter).toEqual(filter);
    expect(createBody({ ...emptyWebhookForm, filter: '  ' })).not.toHaveProperty('filter');
    // Not JSON: sent as typed, so the API names the field.
    expect(createBody({ ...emptyWebhookForm, filter: 'amount > 100' }).filter).toBe('amount > 100');
    const before = formFromWebhook({ ...webhook, filter });
    expect(JSON.parse(before.filter)).toEqual(filter);
    expect(updateBody(before, before)).not.toHaveProperty('filter');
    expect(updateBody(before, { ...before, filter: '' }).filter).toBeNull();
    expect(updateBody(before, { ...before, filter: '{"field":"type","eq":"x"}' }).filter).toEqual({ field: 'type', eq: 'x' });
    expect(controlForParam('filter')).toBe('filter');
    expect(controlForParam('filter.and[1].in')).toBe('filter');
  });
});
