import { createWebhookBody } from './webhook-bodies';
import { ruleViolation } from './field-rule';
import { webhookRuleCodes, webhookRules } from './webhook-rules';

describe('webhook rules', () => {
  it('name a broken rule by its code and message, with a code of its own for some issue kinds', () => {
    expect(ruleViolation(webhookRules.name, 'abcd')).toEqual({ code: 'name_invalid', message: 'name must be 5 to 100 characters' });
    expect(ruleViolation(webhookRules.name, 'abcde')).toBeUndefined();
    expect(ruleViolation(webhookRules['auth.value'], '')).toMatchObject({ code: 'auth_value_required' });
    expect(ruleViolation(webhookRules['auth.value'], 'key\r\nx: 1')).toMatchObject({ code: 'auth_value_invalid' });
    expect(ruleViolation(webhookRules.url, `https://x.example/${'p'.repeat(2048)}`)).toMatchObject({ code: 'url_too_long' });
    expect(ruleViolation(webhookRules.retry_schedule_seconds, [5, 0])).toMatchObject({ code: 'retry_schedule_invalid' });
    expect(ruleViolation(webhookRules['auth.scope'], '')).toBeUndefined();
  });

  it('give the request-body layer the same code for every field path the bodies hold', () => {
    expect(webhookRuleCodes).toMatchObject({
      name: 'name_invalid',
      'url:too_big': 'url_too_long',
      'event_types[]': 'event_type_unknown',
      'auth.value:invalid_format': 'auth_value_invalid',
      'auth.client_auth_method': 'auth_client_auth_method_invalid',
    });
    const paths = new Set<string>();
    const walk = (shape: Record<string, unknown>, prefix: string) => {
      for (const key of Object.keys(shape)) paths.add(`${prefix}${key}`);
    };
    walk(createWebhookBody.shape, '');
    for (const path of paths) expect(webhookRuleCodes[path]).toBeDefined();
  });

  it('refuse in a request body exactly what the field rules refuse', () => {
    const ok = { name: 'Payments', url: 'https://hooks.example.com/in' };
    expect(createWebhookBody.safeParse(ok).success).toBe(true);
    expect(createWebhookBody.safeParse({ ...ok, auth: { type: 'oauth2', token_url: 'https://a.example/t', client_id: 'c'.repeat(501), client_secret: 's' } }).success).toBe(false);
    expect(createWebhookBody.safeParse({ ...ok, rate_limit_rps: 101 }).success).toBe(false);
    expect(createWebhookBody.safeParse({ ...ok, colour: 'blue' }).success).toBe(false);
  });
});
