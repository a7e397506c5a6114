import type { paths } from './schema';

type Json<P extends keyof paths, M extends keyof paths[P], S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Webhook = Json<'/v1/webhooks/{id}', 'get', 200>;
export type CreatedWebhook = Json<'/v1/webhooks', 'post', 201>;
export type Approval = Json<'/v1/approvals', 'get', 200>['data'][number];
export type EventType = Json<'/v1/webhooks/event-types', 'get', 200>['data'][number];
export type Delivery = Json<'/v1/webhooks/events', 'get', 200>['data'][number];
export type DeliveryDetail = Json<'/v1/webhooks/events/{id}', 'get', 200>;
export type Attempt = DeliveryDetail['attempts'][number];
export type PlatformEvent = Json<'/v1/events/{id}', 'get', 200>;
export type ApiKey = Json<'/v1/api-keys', 'get', 200>['data'][number];
export type AuditRecord = Json<'/v1/audit-logs', 'get', 200>['data'][number];
export type Settings = Json<'/v1/settings', 'get', 200>;
export type Session = Json<'/v1/session', 'get', 200>;
export type CreateWebhookBody = NonNullable<paths['/v1/webhooks']['post']['requestBody']>['content']['application/json'];
export type UpdateWebhookBody = NonNullable<paths['/v1/webhooks/{id}']['patch']['requestBody']>['content']['application/json'];
export type Role = Session['role'];
