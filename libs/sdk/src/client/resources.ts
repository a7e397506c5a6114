import type { components } from '../api/schema';

type Schemas = components['schemas'];

/** The API's resources, by the names of the OpenAPI document's component schemas. */
export type Webhook = Schemas['Webhook'];
export type CreatedWebhook = Schemas['CreatedWebhook'];
export type Delivery = Schemas['Delivery'];
export type DeliveryWithAttempts = Schemas['DeliveryWithAttempts'];
export type Attempt = Schemas['Attempt'];
export type Event = Schemas['Event'];
export type EventType = Schemas['EventType'];
export type ApiKey = Schemas['ApiKey'];
export type CreatedApiKey = Schemas['CreatedApiKey'];
export type PortalSession = Schemas['PortalSession'];
export type Approval = Schemas['Approval'];
export type AuditRecord = Schemas['AuditRecord'];
export type Stats = Schemas['Stats'];
export type Settings = Schemas['Settings'];
/** One attempt of a delivery to a relay webhook, as `hookline listen` receives it. */
export type RelayRequest = Schemas['RelayRequest'];
export type ErrorBody = Schemas['Error'];
/** What a receiver gets in the body of every delivery. */
export type WebhookEvent = Schemas['WebhookEvent'];

/** `{"object":"list","data":[…],"next_cursor","prev_cursor"}`. */
export interface List<T> {
  object: 'list';
  data: T[];
  next_cursor: string | null;
  prev_cursor: string | null;
}
