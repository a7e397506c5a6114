import { admit, checkRequest } from './authorize';
import { auditV1, deadlettersV1, dispatcherV1, ingestionV1, registryV1 } from '@hookline/proto';
import type { Caller } from './caller';
import { ruleFor } from './policy';

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

  it('lets an API key through only with the role the method needs, and the operator always', () => {
    const apiKey = (role: string) => ({ actor: { kind: 'api_key', keyId: 'key_1', owner: 'ann', role, orgId: 'org_a' } });
    const update = '/hookline.registry.v1.RegistryService/UpdateWebhook';
    const get = '/hookline.registry.v1.RegistryService/GetWebhook';
    expect(checkRequest(update, gateway, { context: apiKey('viewer') })).toMatchObject({ kind: 'permission', code: 'forbidden', message: 'this action needs the developer role' });
    expect(checkRequest(update, gateway, { context: apiKey('developer') })).toBeUndefined();
    expect(checkRequest(get, gateway, { context: apiKey('viewer') })).toBeUndefined();
    expect(checkRequest(update, gateway, { context: endUser })).toBeUndefined();
  });

  it('holds the deliveries API to the roles of its gateway routes: a viewer reads, a developer retries', () => {
    const apiKey = (role: string) => ({ actor: { kind: 'api_key', keyId: 'key_1', owner: 'ann', role, orgId: 'org_a' } });
    const list = '/hookline.dispatcher.v1.DispatcherService/ListDeliveries';
    const retry = '/hookline.dispatcher.v1.DispatcherService/RetryDelivery';
    const test = '/hookline.dispatcher.v1.DispatcherService/SendTestEvent';
    expect(checkRequest(list, gateway, { context: apiKey('viewer'), orgId: 'org_a' })).toBeUndefined();
    expect(checkRequest(retry, gateway, { context: apiKey('viewer'), orgId: 'org_a' })).toMatchObject({ kind: 'permission', code: 'forbidden', message: 'this action needs the developer role' });
    expect(checkRequest(test, gateway, { context: apiKey('viewer'), orgId: 'org_a' })).toMatchObject({ code: 'forbidden' });
    expect(checkRequest(retry, gateway, { context: apiKey('developer'), orgId: 'org_a' })).toBeUndefined();
    expect(checkRequest(retry, gateway, { context: endUser, orgId: 'org_a' })).toBeUndefined();
  });

  it('keeps operator methods from API keys of any role, and lets publishers act as themselves', () => {
    const createOrg = '/hookline.registry.v1.RegistryService/CreateOrganization';
    const registerType = '/hookline.registry.v1.RegistryService/RegisterEventType';
    const admin = { actor: { kind: 'api_key', keyId: 'key_1', owner: 'ann', role: 'admin', orgId: 'org_a' } };
    expect(checkRequest(createOrg, gateway, { context: admin })).toMatchObject({ code: 'forbidden', message: 'this action is for the platform operator' });
    expect(checkRequest(createOrg, gateway, { context: endUser })).toBeUndefined();
    expect(checkRequest(registerType, { kind: 'publisher', name: 'billing', orgs: [] }, { type: 'invoice.paid' })).toBeUndefined();
  });

  it('holds audit reads and approval decisions to admin keys, and dead letters to the operator', () => {
    const apiKey = (role: string) => ({ actor: { kind: 'api_key', keyId: 'key_1', owner: 'ann', role, orgId: 'org_a' } });
    for (const path of ['/hookline.audit.v1.AuditService/ListAuditRecords', '/hookline.audit.v1.AuditService/ExportAuditRecords', '/hookline.registry.v1.RegistryService/ApproveApproval', '/hookline.registry.v1.RegistryService/RejectApproval']) {
      expect(checkRequest(path, gateway, { context: apiKey('developer') })).toMatchObject({ kind: 'permission', code: 'forbidden', message: 'this action needs the admin role' });
      expect(checkRequest(path, gateway, { context: apiKey('admin') })).toBeUndefined();
      expect(checkRequest(path, gateway, { context: endUser })).toBeUndefined();
    }
    const replay = '/hookline.deadletters.v1.DeadLetterService/ReplayDeadLetter';
    expect(checkRequest(replay, gateway, { context: apiKey('admin') })).toMatchObject({ code: 'forbidden', message: 'this action is for the platform operator' });
    expect(checkRequest(replay, gateway, { context: endUser })).toBeUndefined();
  });
});

it('names the least role of every method that acts for an end user: no method leaves it to its service', () => {
  const definitions = [registryV1.RegistryServiceService, ingestionV1.IngestionServiceService, dispatcherV1.DispatcherServiceService, auditV1.AuditServiceService, deadlettersV1.DeadLetterServiceService];
  const paths = definitions.flatMap((definition) => Object.values(definition).map((method) => method.path));
  const withoutRole = paths.filter((path) => ruleFor(path)?.endUser && !ruleFor(path)?.endUserMay);
  expect(paths.length).toBeGreaterThan(40);
  expect(withoutRole).toEqual([]);
});
