// @hookline/sdk: the public surface. Standalone: it imports no other Hookline lib.
export type { paths, components, operations } from './api/schema';
export { HooklineClient, type HooklineClientOptions, type PublishInput, type PublishOptions, type DeliveryQuery } from './client/hookline-client';
export { HooklineApiError, type ApiErrorBody } from './client/api-error';
export { generateIdempotencyKey } from './client/idempotency-key';
export { retryAfterMs, type RetryOptions } from './client/retry-policy';
export type * from './client/resources';
export { verify, checkSignature, WebhookVerificationError, type VerifyOptions, type VerificationFailure, type WebhookHeaders } from './verify/verify';
export { verificationKey, InvalidVerificationKeyError, type VerificationKey } from './verify/verification-key';
export { GrpcPublisher, type GrpcPublisherOptions, type GrpcPublishInput, type PublishedEvent } from './grpc/grpc-publisher';
