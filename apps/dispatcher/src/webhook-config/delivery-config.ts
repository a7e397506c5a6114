import { STANDARD_WEBHOOKS_PROFILE, WIRE_PROFILE_NAMES, type WireProfile, type WireProfileName } from '@hookline/contract';
import { isSignatureScheme, type SignatureScheme } from '@hookline/signing';
import type { registryV1 } from '@hookline/proto';

export type EndpointAuth =
  | { type: 'none' }
  | { type: 'api_key'; headerName: string; value: string }
  | { type: 'basic'; username: string; password: string }
  | { type: 'oauth2'; tokenUrl: string; clientId: string; clientSecret: string; scope: string; audience: string; clientAuthMethod: ClientAuthMethod };

/** How the OAuth2 client authenticates to the token endpoint; `auto` = basic, then post. */
export type ClientAuthMethod = 'auto' | 'client_secret_basic' | 'client_secret_post' | 'both';
const CLIENT_AUTH_METHODS: readonly string[] = ['auto', 'client_secret_basic', 'client_secret_post', 'both'];

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

function authFromProto(auth: registryV1.EndpointAuth | undefined): EndpointAuth {
  switch (auth?.type) {
    case 'api_key':
      return { type: 'api_key', headerName: auth.headerName, value: auth.headerValue };
    case 'basic':
      return { type: 'basic', username: auth.username, password: auth.password };
    case 'oauth2':
      return {
        type: 'oauth2',
        tokenUrl: auth.tokenUrl,
        clientId: auth.clientId,
        clientSecret: auth.clientSecret,
        scope: auth.scope,
        audience: auth.audience,
        clientAuthMethod: CLIENT_AUTH_METHODS.includes(auth.clientAuthMethod ?? '') ? (auth.clientAuthMethod as ClientAuthMethod) : 'auto',
      };
    default:
      return { type: 'none' };
  }
}
