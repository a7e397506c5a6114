import { flatEndpointAuth, type CreateWebhookBody, type EndpointAuthBody, type SubmittedEndpointAuth, type UpdateWebhookBody } from '@hookline/contract';
import { toAuthOneof } from '@hookline/grpc';
import type { registryV1 } from '@hookline/proto';

// Request bodies and rules: @hookline/contract. Here: body → registry request.

/** The REST `auth` object as the contract's union (REST names → contract names; omitted optionals empty). */
export function submittedEndpointAuth(auth: EndpointAuthBody): SubmittedEndpointAuth {
  switch (auth.type) {
    case 'none':
      return { type: 'none' };
    case 'api_key':
      return { type: 'api_key', headerName: auth.header_name, value: auth.value };
    case 'basic':
      return { type: 'basic', username: auth.username, password: auth.password };
    case 'oauth2':
      return {
        type: 'oauth2',
        tokenUrl: auth.token_url,
        clientId: auth.client_id,
        clientSecret: auth.client_secret,
        scope: auth.scope ?? '',
        audience: auth.audience ?? '',
        clientAuthMethod: auth.client_auth_method ?? '',
      };
  }
}

/** The gateway's one endpoint-auth converter: REST body → the registry's oneof (and its flat form for older registries). */
export function endpointAuthInput(body: EndpointAuthBody): registryV1.EndpointAuthInput {
  const auth = submittedEndpointAuth(body);
  return { ...flatEndpointAuth(auth), auth: toAuthOneof(auth) };
}

export function createWebhookRequest(body: CreateWebhookBody, context: registryV1.CreateWebhookRequest['context']): registryV1.CreateWebhookRequest {
  return {
    context,
    orgId: '',
    name: body.name,
    url: body.url,
    description: body.description,
    eventTypes: body.event_types ? { types: body.event_types } : undefined,
    auth: body.auth ? endpointAuthInput(body.auth) : undefined,
    rateLimitRps: body.rate_limit_rps,
    timeoutSeconds: body.timeout_seconds,
    payload: body.payload,
    signatureScheme: body.signature_scheme,
    retryScheduleSeconds: body.retry_schedule_seconds ? { seconds: body.retry_schedule_seconds } : undefined,
    ordering: body.ordering,
    filterJson: body.filter ? JSON.stringify(body.filter) : undefined,
  };
}

export function updateWebhookRequest(
  webhookId: string,
  body: UpdateWebhookBody,
  context: registryV1.UpdateWebhookRequest['context'],
): registryV1.UpdateWebhookRequest {
  return {
    context,
    webhookId,
    orgId: '',
    name: body.name,
    description: body.description === null ? '' : body.description,
    url: body.url,
    eventTypes: body.event_types ? { types: body.event_types } : undefined,
    allEventTypes: body.event_types === null ? true : undefined,
    auth: body.auth ? endpointAuthInput(body.auth) : undefined,
    rateLimitRps: body.rate_limit_rps,
    timeoutSeconds: body.timeout_seconds,
    status: body.status,
    payload: body.payload,
    retryScheduleSeconds: body.retry_schedule_seconds === undefined ? undefined : { seconds: body.retry_schedule_seconds ?? [] },
    ordering: body.ordering,
    filterJson: body.filter === undefined ? undefined : body.filter === null ? '' : JSON.stringify(body.filter),
  };
}
