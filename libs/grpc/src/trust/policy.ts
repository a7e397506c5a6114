import type { Role } from '@hookline/contract';
import { auditV1, deadlettersV1, dispatcherV1, ingestionV1, registryV1 } from '@hookline/proto';
import type { ServiceIdentity } from './caller';

/**
 * Who may call one method. Every caller is first authenticated by its client certificate; this
 * says which of them may go on.
 */
export interface MethodRule {
  /** Service identities allowed, `publisher` for any publisher certificate, or `any` authenticated caller. */
  callers: readonly (ServiceIdentity | 'publisher')[] | 'any';
  /**
   * The method acts for an end user (API key, role, org) named in the request's `context`: when
   * the gateway calls, it must name one. Whatever the rule, a context is accepted from the
   * gateway only; other callers the rule admits act as themselves.
   */
  endUser?: true;
  /**
   * Which end users may go on: API keys of at least this role (the operator always may), or
   * `operator` for the operator only. Callers acting as themselves are not end users.
   */
  endUserMay?: Role | 'operator';
  /** The organizations a request acts on, checked against a publisher certificate's allowed orgs. */
  orgsOf?: (request: any) => string[];
}

type RulesFor<D> = { readonly [K in keyof D]: MethodRule };

// Every end-user method names the least role it needs: one table decides who may act.
const forEndUser = (endUserMay: Role | 'operator'): MethodRule => ({ callers: ['gateway'], endUser: true, endUserMay });
const VIEWER = forEndUser('viewer');
const DEVELOPER = forEndUser('developer');
const ADMIN = forEndUser('admin');
const OPERATOR = forEndUser('operator');
const ANY: MethodRule = { callers: 'any' };

/** The registry holds secrets: most of it answers the gateway (for an end user) and nobody else. */
const registry: RulesFor<typeof registryV1.RegistryServiceService> = {
  ping: ANY,
  getOrganization: { callers: ['ingestion'] },
  listLiveWebhooks: { callers: ['dispatcher'] },
  // Decrypted signing secrets and endpoint credentials: the dispatcher, which sends, and no one else.
  getDeliveryConfig: { callers: ['dispatcher'] },
  listEventTypes: { callers: ['gateway', 'ingestion'] },
  disableWebhook: { callers: ['dispatcher'] },
  recordWebhookTriggers: { callers: ['dispatcher'] },
  // Before there is an end user: the gateway turns an `hk_` key into one.
  authenticateApiKey: { callers: ['gateway'] },
  createOrganization: OPERATOR,
  listOrganizations: OPERATOR,
  createApiKey: ADMIN,
  listApiKeys: ADMIN,
  revokeApiKey: ADMIN,
  createWebhook: DEVELOPER,
  getWebhook: VIEWER,
  listWebhooks: VIEWER,
  updateWebhook: DEVELOPER,
  deleteWebhook: DEVELOPER,
  rotateSecret: DEVELOPER,
  // The catalog every organization sees: the operator's alone (a publisher certificate is limited to
  // some orgs, and must not rewrite what all of them subscribe to).
  registerEventType: OPERATOR,
  deleteEventType: OPERATOR,
  listEventTypeSchemas: OPERATOR,
  getSettings: VIEWER,
  updateSettings: ADMIN,
  // The wire format of an organization's deliveries is the platform operator's to set.
  getWireProfile: VIEWER,
  setWireProfile: OPERATOR,
  listApprovals: VIEWER,
  // An admin decides; that it is another principal than the requester (four eyes) is the use case's rule.
  approveApproval: ADMIN,
  rejectApproval: ADMIN,
  listWebhookApprovals: VIEWER,
  createPortalSession: ADMIN,
  revokePortalSession: ADMIN,
};

/**
 * Events in: the gateway (`POST /v1/events`, org from the API key), the dispatcher (test and
 * operational events) and publisher certificates, each limited to its orgs when it names some.
 */
const ingestion: RulesFor<typeof ingestionV1.IngestionServiceService> = {
  ping: ANY,
  publish: { callers: ['gateway', 'dispatcher', 'publisher'], orgsOf: (r: ingestionV1.PublishRequest) => [r.orgId] },
  publishBatch: {
    callers: ['gateway', 'dispatcher', 'publisher'],
    orgsOf: (r: ingestionV1.PublishBatchRequest) => r.events.map((event) => event.orgId),
  },
  // Read by the gateway for an org's API key; the org is the request's `org_id`.
  getEvent: { callers: ['gateway'] },
  listEvents: { callers: ['gateway'] },
  // Every org's event bodies, for the attempts the dispatcher does not make from the events topic.
  getEventEnvelopes: { callers: ['dispatcher'] },
};

/** The deliveries API: the same roles as the gateway's routes, checked again here behind them. */
const dispatcher: RulesFor<typeof dispatcherV1.DispatcherServiceService> = {
  ping: ANY,
  listDeliveries: VIEWER,
  getDelivery: VIEWER,
  retryDelivery: DEVELOPER,
  recoverWebhook: DEVELOPER,
  sendTestEvent: DEVELOPER,
  getDeliveryStats: VIEWER,
  listNotificationChannels: VIEWER,
  createNotificationChannel: ADMIN,
  deleteNotificationChannel: ADMIN,
  // `hookline listen`: a developer receives the relay webhook's attempts and answers them.
  pullRelayRequests: DEVELOPER,
  reportRelayOutcome: DEVELOPER,
};

const audit: RulesFor<typeof auditV1.AuditServiceService> = {
  ping: ANY,
  // An organization's audit trail: its admins and the operator.
  listAuditRecords: ADMIN,
  verifyChain: ADMIN,
  exportAuditRecords: ADMIN,
};

/** Dead letters of the consuming services (dispatcher, ingestion, audit): the operator, through the gateway. */
const deadLetters: RulesFor<typeof deadlettersV1.DeadLetterServiceService> = {
  listDeadLetters: OPERATOR,
  replayDeadLetter: OPERATOR,
};

/** Infrastructure services every authenticated caller may use (health checks, reflection). */
const OPEN_SERVICES = ['grpc.health.v1.Health', 'grpc.reflection.v1.ServerReflection', 'grpc.reflection.v1alpha.ServerReflection'];

function byPath<D extends Record<string, { path: string }>>(definition: D, rules: RulesFor<D>): [string, MethodRule][] {
  return Object.entries(definition).map(([method, { path }]) => [path, rules[method as keyof D]]);
}

const rulesByPath = new Map<string, MethodRule>([
  ...byPath(registryV1.RegistryServiceService, registry),
  ...byPath(ingestionV1.IngestionServiceService, ingestion),
  ...byPath(dispatcherV1.DispatcherServiceService, dispatcher),
  ...byPath(auditV1.AuditServiceService, audit),
  ...byPath(deadlettersV1.DeadLetterServiceService, deadLetters),
]);

/**
 * The one policy table: the rule for a method path (`/package.Service/Method`), or undefined
 * when no caller may call it (a method without a rule is refused: fail closed).
 */
export function ruleFor(path: string): MethodRule | undefined {
  const rule = rulesByPath.get(path);
  if (rule) return rule;
  const service = path.split('/')[1];
  return OPEN_SERVICES.includes(service) ? ANY : undefined;
}
