import { endUserScope } from './end-user-scope';

const context = (actor: { kind: string; keyId: string; owner: string; role: string; orgId: string }) => ({ actor, requestId: 'req_1', ip: '', userAgent: '' });
const apiKey = (orgId: string, role = 'viewer') => context({ kind: 'api_key', keyId: 'key_1', owner: 'ada', role, orgId });
const operator = context({ kind: 'operator', keyId: 'operator', owner: 'operator', role: 'admin', orgId: '' });

describe('endUserScope', () => {
  it('puts an API key in its own organization, whatever the request leaves empty', () => {
    expect(endUserScope({ context: apiKey('org_a'), orgId: '' })).toEqual({
      actor: { kind: 'api_key', keyId: 'key_1', owner: 'ada', role: 'viewer', orgId: 'org_a' },
      orgId: 'org_a',
    });
    expect(endUserScope({ context: apiKey('org_a'), orgId: 'org_a' }).orgId).toBe('org_a');
  });

  it('answers an API key naming another organization as not found, never acting on it', () => {
    expect(() => endUserScope({ context: apiKey('org_a'), orgId: 'org_b' })).toThrow(expect.objectContaining({ kind: 'not_found', code: 'organization_not_found' }));
  });

  it('makes the operator and internal services name the organization', () => {
    expect(endUserScope({ context: operator, orgId: 'org_b' }).orgId).toBe('org_b');
    expect(endUserScope({ orgId: 'org_c' })).toEqual({ actor: { kind: 'service', keyId: '', owner: '', role: '', orgId: '' }, orgId: 'org_c' });
    expect(() => endUserScope({ context: operator })).toThrow(
      expect.objectContaining({ kind: 'input', code: 'org_id_required', param: 'org_id' }),
    );
    expect(() => endUserScope({})).toThrow(expect.objectContaining({ code: 'org_id_required' }));
  });

  it('refuses an actor kind nobody issues and an API key without an organization', () => {
    for (const kind of ['anonymous', 'root', 'API_KEY']) {
      expect(() => endUserScope({ context: context({ kind, keyId: '', owner: '', role: 'admin', orgId: 'org_a' }), orgId: 'org_a' })).toThrow(
        expect.objectContaining({ kind: 'authentication' }),
      );
    }
    expect(() => endUserScope({ context: apiKey(''), orgId: 'org_a' })).toThrow(expect.objectContaining({ kind: 'authentication' }));
  });

  it('drops a role the platform does not know', () => {
    expect(endUserScope({ context: apiKey('org_a', 'owner') }).actor.role).toBe('');
  });
});
