import { admit, checkRequest } from './authorize';
import type { Caller } from './caller';

const gateway: Caller = { kind: 'service', name: 'gateway' };
const dispatcher: Caller = { kind: 'service', name: 'dispatcher' };
const publish = '/hookline.ingestion.v1.IngestionService/Publish';
const endUser = { actor: { kind: 'operator', keyId: 'operator', owner: 'operator', role: 'admin', orgId: '' } };

describe('the authorization decisions', () => {
  it('refuses a caller without a verified certificate before anything else', () => {
    expect(admit(publish, undefined)).toMatchObject({ kind: 'authentication', code: 'unauthenticated' });
  });

  it('refuses an end-user context on a method the sender may call, when the sender is not the gateway', () => {
    // The dispatcher may publish; it may not claim to act for a user while doing so.
    expect(admit(publish, dispatcher)).toBeUndefined();
    expect(checkRequest(publish, dispatcher, { orgId: 'org_a', context: endUser })).toMatchObject({ kind: 'permission', code: 'caller_context_refused' });
    expect(checkRequest(publish, dispatcher, { orgId: 'org_a' })).toBeUndefined();
  });

  it('accepts the end-user context from the gateway', () => {
    const path = '/hookline.audit.v1.AuditService/VerifyChain';
    expect(admit(path, gateway)).toBeUndefined();
    expect(checkRequest(path, gateway, { context: endUser, orgId: 'org_a' })).toBeUndefined();
  });

  it('health checks are open to every authenticated caller, and only to them', () => {
    const check = '/grpc.health.v1.Health/Check';
    expect(admit(check, { kind: 'publisher', name: 'billing', orgs: [] })).toBeUndefined();
    expect(admit(check, undefined)).toMatchObject({ kind: 'authentication' });
  });
});
