import { accessRecordFor, outcomeOf, routeParam } from './access-record';

describe('access records', () => {
  it.each([
    [200, 'success'],
    [201, 'success'],
    [204, 'success'],
    [400, 'failure'],
    [401, 'denied'],
    [403, 'denied'],
    [404, 'failure'],
    [409, 'failure'],
    [429, 'rate_limited'],
    [500, 'failure'],
    [503, 'failure'],
  ])('status %i is outcome %s', (status, outcome) => {
    expect(outcomeOf(status)).toBe(outcome);
  });

  it('takes the resource id from the route pattern', () => {
    expect(routeParam('/v1/webhooks/:id/test', '/v1/webhooks/wh_1/test')).toBe('wh_1');
    expect(routeParam('/v1/webhooks', '/v1/webhooks')).toBe('');
    expect(routeParam('/v1/events/:id', '/v1/events/evt_%41')).toBe('evt_A');
  });

  const call = {
    path: '/v1/webhooks/wh_9',
    method: 'PATCH',
    route: { action: 'webhook.update', resourceType: 'webhook', path: '/v1/webhooks/:id' },
    requestId: 'req_1',
    ip: '203.0.113.9',
    userAgent: 'sdk/1',
    status: 200,
    startedAt: new Date('2026-01-01T00:00:00.000Z'),
    latencyMs: 12.6,
  };

  it('records a refused call whose path holds a NUL or a lone surrogate, with those characters escaped', () => {
    const record = accessRecordFor({ ...call, path: '/v1/webhooks/wh_%00x', status: 400, userAgent: 'agent\u0000' });
    expect(record.resourceId).toBe('wh_\\u0000x');
    expect(record.userAgent).toBe('agent\\u0000');
    const withSurrogate = accessRecordFor({ ...call, path: '/v1/webhooks/wh_1', requestId: 'req_\ud800' });
    expect(withSurrogate.requestId).toBe('req_\\ud800');
    expect(Object.values(record).filter((v) => typeof v === 'string' && /\u0000/.test(v))).toEqual([]);
  });

  it('records who did what to which resource, from where, and how it went', () => {
    const record = accessRecordFor({ ...call, actor: { kind: 'api_key', keyId: 'key_1', owner: 'alice', role: 'admin', orgId: 'org_1' } });
    expect(record).toMatchObject({
      orgId: 'org_1',
      kind: 'access',
      actorKind: 'api_key',
      actorKeyId: 'key_1',
      actorOwner: 'alice',
      actorRole: 'admin',
      action: 'webhook.update',
      resourceType: 'webhook',
      resourceId: 'wh_9',
      requestId: 'req_1',
      ip: '203.0.113.9',
      userAgent: 'sdk/1',
      httpStatus: 200,
      outcome: 'success',
      latencyMs: 13,
      time: '2026-01-01T00:00:00.000Z',
      source: 'gateway',
    });
    expect(record.id).toMatch(/^aud_[0-9a-hjkmnp-tv-z]{26}$/);
  });

  it('an unauthenticated call is anonymous; an unmatched path is route.unknown', () => {
    expect(accessRecordFor({ ...call, status: 401 })).toMatchObject({ actorKind: 'anonymous', orgId: '', outcome: 'denied' });
    expect(accessRecordFor({ ...call, route: undefined, status: 404 })).toMatchObject({ action: 'route.unknown', resourceId: '', outcome: 'failure' });
  });

  it("files the operator's calls on an organization under that organization", () => {
    const record = accessRecordFor({
      ...call,
      path: '/v1/admin/organizations/org_7/api-keys',
      route: { action: 'organization.create_api_key', resourceType: 'organization', path: '/v1/admin/organizations/:id/api-keys' },
      actor: { kind: 'operator', keyId: 'operator', owner: 'operator', role: 'admin', orgId: '' },
    });
    expect(record).toMatchObject({ orgId: 'org_7', resourceId: 'org_7', actorKind: 'operator' });
  });
});
