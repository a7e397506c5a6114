import { ANONYMOUS, OPERATOR, type Actor } from '../auth/actor';
import { authorizeRoute } from './authorize-route';
import { defineRoute } from './route';

const route = (extra: Record<string, unknown>) =>
  defineRoute({ method: 'get', path: '/v1/things', summary: 's', action: 'thing.list', resourceType: 'thing', auth: 'api_key', responses: {}, handler: async () => ({ status: 200 }), ...extra } as never);

const key = (role: Actor['role'], features?: string[]): Actor => ({
  ...ANONYMOUS,
  kind: 'api_key',
  keyId: 'key_1',
  role,
  orgId: 'org_1',
  ...(features ? { portal: { features, branding: { productName: '', logoUrl: '', accentColor: '' }, expiresAt: '' } } : {}),
});

describe('route declarations', () => {
  it('stop the gateway at start-up when an API-key route does not say its role or portal feature', () => {
    expect(() => route({ role: 'viewer' })).toThrow('needs a portal feature');
    expect(() => route({ feature: 'webhooks' })).toThrow('needs a role');
    expect(() => route({ role: 'viewer', feature: 'webhook' })).toThrow('unknown portal feature');
    expect(() => route({ auth: 'operator', role: 'admin' })).toThrow('api_key routes only');
    expect(() => route({ role: 'viewer', feature: null })).not.toThrow();
  });
});

describe('authorizeRoute', () => {
  it('applies the role and the portal feature of the matched route', () => {
    const webhooks = route({ role: 'developer', feature: 'webhooks' });
    expect(() => authorizeRoute(webhooks, key('developer'))).not.toThrow();
    expect(() => authorizeRoute(webhooks, key('viewer'))).toThrow(expect.objectContaining({ code: 'insufficient_role' }));
    expect(() => authorizeRoute(webhooks, key('admin', ['webhooks']))).not.toThrow();
    expect(() => authorizeRoute(webhooks, key('admin', []))).not.toThrow();
    expect(() => authorizeRoute(webhooks, key('admin', ['api_keys']))).toThrow(expect.objectContaining({ code: 'portal_feature_disabled' }));
    expect(() => authorizeRoute(webhooks, OPERATOR)).not.toThrow();
  });

  it('refuses every portal session on routes no session may use, and lets every session use open ones', () => {
    expect(() => authorizeRoute(route({ role: 'admin', feature: 'never' }), key('admin', []))).toThrow(expect.objectContaining({ code: 'portal_feature_disabled' }));
    expect(() => authorizeRoute(route({ role: 'admin', feature: 'never' }), key('admin'))).not.toThrow();
    expect(() => authorizeRoute(route({ role: 'viewer', feature: null }), key('viewer', ['events']))).not.toThrow();
  });
});
