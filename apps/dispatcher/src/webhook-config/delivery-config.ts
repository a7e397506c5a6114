import {
  DEFAULT_CLIENT_AUTH_METHOD,
  fromFlatEndpointAuth,
  isClientAuthMethod,
  STANDARD_WEBHOOKS_PROFILE,
  WIRE_PROFILE_NAMES,
  type ClientAuthMethod,
  type EndpointAuth,
  type WireProfile,
  type WireProfileName,
} from '@hookline/contract';
import { isSignatureScheme, type SignatureScheme } from '@hookline/signing';
import { fromAuthOneof } from '@hookline/grpc';
import type { registryV1 } from '@hookline/proto';


/** Everything needed to send to one webhook, secrets included (kept in memory only). */
export interface DeliveryConfig {
  webhookId: string;
  orgId: string;
  url: string;
  status: string;
  signatureScheme: SignatureScheme;
  /** Current key first, then older keys still inside their rotation window. */
  signingKeys: string[];
  auth: EndpointAuth;
  rateLimitRps: number;
  timeoutMs: number;
  payload: 'full' | 'thin';
  /** Empty = the platform default schedule. */
  retryScheduleSeconds: number[];
  fifo: boolean;
  version: number;
  /** The organization's wire format: headers, signature encoding, envelope. */
  wireProfile: WireProfile;
}

export const DEFAULT_RATE_LIMIT_RPS = 10;
export const DEFAULT_TIMEOUT_SECONDS = 15;

export function deliveryConfigFromProto(message: registryV1.DeliveryConfig): DeliveryConfig {
  return {
    webhookId: message.webhookId,
    orgId: message.orgId,
    url: message.url,
    status: message.status,
    signatureScheme: isSignatureScheme(message.signatureScheme) ? message.signatureScheme : 'hmac-sha256',
    signingKeys: message.signingKeys,
    auth: authFromProto(message.auth),
    rateLimitRps: message.rateLimitRps > 0 ? message.rateLimitRps : DEFAULT_RATE_LIMIT_RPS,
    timeoutMs: (message.timeoutSeconds > 0 ? message.timeoutSeconds : DEFAULT_TIMEOUT_SECONDS) * 1000,
    payload: message.payload === 'thin' ? 'thin' : 'full',
    retryScheduleSeconds: message.retryScheduleSeconds,
    fifo: message.ordering === 'fifo',
    version: Number(message.version),
    wireProfile: wireProfileFromProto(message.wireProfile),
  };
}

function wireProfileFromProto(message: registryV1.WireProfile | undefined): WireProfile {
  if (!message || !(WIRE_PROFILE_NAMES as readonly string[]).includes(message.name)) return STANDARD_WEBHOOKS_PROFILE;
  const e = message.envelope;
  return {
    name: message.name as WireProfileName,
    brand: message.brand,
    userAgent: message.userAgent,
    envelope: e ? { typeField: e.typeField, idField: e.idField, timestampField: e.timestampField, dataField: e.dataField, fixedFields: { ...e.fixedFields } } : null,
    testEventType: message.testEventType,
    retryScheduleSeconds: message.retryScheduleSeconds,
  };
}

/**
 * The dispatcher's one endpoint-auth converter: the registry's oneof, or the flat form of a
 * registry deployed before it. A kind of auth this dispatcher does not know is refused, never
 * read as "none": a request the endpoint expects to carry credentials must not go out without them.
 */
export function authFromProto(message: registryV1.EndpointAuth | undefined): EndpointAuth {
  if (!message) return { type: 'none' };
  const auth = message.auth;
  const submitted = auth ? fromAuthOneof(auth) : fromFlatEndpointAuth(message);
  if (!submitted) throw new Error(`webhook endpoint auth of an unknown kind (${String(auth?.$case ?? message.type).slice(0, 50)})`);
  // The registry checked the values; an empty or unknown method is the default.
  return submitted.type === 'oauth2' ? { ...submitted, clientAuthMethod: clientAuthMethod(submitted.clientAuthMethod) } : submitted;
}

function clientAuthMethod(value: string): ClientAuthMethod {
  return isClientAuthMethod(value) ? value : DEFAULT_CLIENT_AUTH_METHOD;
}
