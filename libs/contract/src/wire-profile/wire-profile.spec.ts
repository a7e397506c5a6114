import { STANDARD_WEBHOOKS_PROFILE, wireProfileFromJson, wireProfileToJson } from './wire-profile';

const paylent = {
  name: 'hmac-hex',
  brand: 'Paylent',
  user_agent: 'Paylent-Webhook/1.0',
  envelope: { type: 'event', id: 'event_id', timestamp: 'timestamp', data: 'data', fixed: { environment_id: 'env_123' } },
  test_event_type: 'webhook.test',
  retry_schedule_seconds: [60, 300, 1800, 7200, 21600],
} as const;

const firstIssue = (json: unknown) => {
  try {
    wireProfileFromJson(json);
  } catch (error) {
    const issue = (error as { issues: { path: PropertyKey[]; message: string }[] }).issues[0];
    return { path: issue.path.join('.'), message: issue.message };
  }
  throw new Error('accepted');
};

describe('wire profiles', () => {
  it('Paylent’s documented format reads back unchanged', () => {
    const profile = wireProfileFromJson(paylent);
    expect(profile).toEqual({
      name: 'hmac-hex',
      brand: 'Paylent',
      userAgent: 'Paylent-Webhook/1.0',
      envelope: { typeField: 'event', idField: 'event_id', timestampField: 'timestamp', dataField: 'data', fixedFields: { environment_id: 'env_123' } },
      testEventType: 'webhook.test',
      retryScheduleSeconds: [60, 300, 1800, 7200, 21600],
    });
    expect(wireProfileToJson(profile)).toEqual(paylent);
  });

  it('the standard profile is the bare name', () => {
    expect(wireProfileFromJson({ name: 'standard-webhooks' })).toEqual(STANDARD_WEBHOOKS_PROFILE);
    expect(wireProfileToJson(STANDARD_WEBHOOKS_PROFILE)).toEqual({ name: 'standard-webhooks' });
  });

  it('refuses what a receiver could not rely on, naming the field', () => {
    expect(firstIssue({ name: 'hmac-hex' })).toMatchObject({ path: 'brand' });
    expect(firstIssue({ name: 'hmac-hex', brand: 'Pay lent' })).toMatchObject({ path: 'brand' });
    expect(firstIssue({ name: 'xml' })).toMatchObject({ path: 'name' });
    expect(firstIssue({ name: 'standard-webhooks', user_agent: 'a\r\nx-injected: 1' })).toMatchObject({ path: 'user_agent' });
    expect(firstIssue({ name: 'standard-webhooks', envelope: { type: 'id' } })).toMatchObject({ path: 'envelope' });
    expect(firstIssue({ name: 'standard-webhooks', envelope: { fixed: { data: 'x' } } })).toMatchObject({ path: 'envelope.fixed.data' });
    expect(firstIssue({ name: 'standard-webhooks', envelope: { fixed: { 'Bad-Name': 'x' } } })).toMatchObject({ path: 'envelope.fixed.Bad-Name' });
    expect(firstIssue({ name: 'standard-webhooks', retry_schedule_seconds: [0] })).toMatchObject({ path: 'retry_schedule_seconds.0' });
    expect(firstIssue({ name: 'standard-webhooks', test_event_type: 'test' })).toMatchObject({ path: 'test_event_type' });
    expect(firstIssue({ name: 'standard-webhooks', extra: true })).toMatchObject({ path: '' });
  });
});
